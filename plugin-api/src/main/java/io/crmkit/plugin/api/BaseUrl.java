package io.crmkit.plugin.api;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;

/**
 * An absolute http(s) address under which paths are resolved, such as a host's public address or the Graph
 * API's root: always kept with a trailing slash, so that {@code resolve("sandbox/graph")} lands below its path
 * whether it was written {@code http://192.0.2.2:28609}, {@code http://192.0.2.2:28609/} or
 * {@code https://crm.example/tenant}. Join addresses through it, never by concatenating strings.
 *
 * @param uri the address, absolute, http or https, with a path that ends in {@code /} and no query or fragment
 */
public record BaseUrl(URI uri) {

    /** @throws IllegalArgumentException when {@code uri} is not an absolute http(s) address without query or fragment */
    public BaseUrl {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) address: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) address: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a base address has no query or fragment: " + uri);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.endsWith("/")) {
            // Without query and fragment the raw form ends with the raw path: appending keeps its escapes as they are.
            uri = URI.create(uri.toString() + "/");
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not an absolute http(s) address (surrounding blanks are ignored) */
    public static BaseUrl of(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no address");
        }
        try {
            return new BaseUrl(new URI(text.strip()));
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("not an address: " + text, malformed);
        }
    }

    public static BaseUrl of(URL url) {
        try {
            return new BaseUrl(url.toURI());
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("not an address: " + url, malformed);
        }
    }

    /**
     * The address of {@code path} below this one: {@code "webhooks/whatsapp"} and {@code "/webhooks/whatsapp"} both
     * resolve below this address's own path (a leading slash does not climb to the host's root); a query in
     * {@code path} is kept.
     */
    public URI resolve(String path) {
        String relative = path.startsWith("/") ? path.replaceFirst("^/+", "") : path;
        return uri.resolve(relative);
    }

    /** The base address of a folder below this one, for example the sandbox's Graph root {@code sandbox/graph}. */
    public BaseUrl below(String path) {
        return new BaseUrl(resolve(path));
    }

    /** The address as a {@link URL}, for APIs that ask for one. */
    public URL toUrl() {
        try {
            return uri.toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The address with its trailing slash, for example {@code http://192.0.2.2:28609/}. */
    @Override
    public String toString() {
        return uri.toString();
    }
}
