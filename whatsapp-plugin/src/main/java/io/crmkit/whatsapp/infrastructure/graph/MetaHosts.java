package io.crmkit.whatsapp.infrastructure.graph;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The hosts Meta serves WhatsApp media from ({@code lookaside.fbsbx.com} and its CDNs), reached over HTTPS only. */
final class MetaHosts {
    private static final List<String> MEDIA_DOMAINS = List.of("fbsbx.com", "facebook.com", "fbcdn.net", "whatsapp.net");

    private MetaHosts() {
    }

    static boolean servesMedia(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(url.getScheme()) && url.getUserInfo() == null
                && MEDIA_DOMAINS.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
    }
}
