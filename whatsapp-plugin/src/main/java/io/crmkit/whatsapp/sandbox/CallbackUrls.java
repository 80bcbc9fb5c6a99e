package io.crmkit.whatsapp.sandbox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where the sandbox may deliver an account's webhooks: this installation's own webhook, or a server on this
 * machine (a second server under test). Never another host: a receiver's answers are reported back, which
 * would make the sandbox a scanner of the network it runs in.
 */
final class CallbackUrls {
    private CallbackUrls() {
    }

    static Optional<URI> allowed(String url, String ownWebhook) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
        if (uri.toString().equals(ownWebhook)) {
            return Optional.of(uri);
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        return http && uri.getUserInfo() == null && isLoopback(uri.getHost()) ? Optional.of(uri) : Optional.empty();
    }

    /** Only names that are loopback by themselves: {@code localhost} and loopback address literals, no look-up. */
    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
