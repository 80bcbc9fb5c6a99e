package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.plugin.api.BaseUrl;
import io.crmkit.whatsapp.infrastructure.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Optional;

/**
 * Where the Graph API is. Unset base URL means the built-in sandbox of this server: the demo and
 * production differ only in this address.
 */
@ApplicationScoped
public class GraphSettings {
    @Inject
    @ConfigProperty(name = "whatsapp.graph.base-url")
    Optional<String> baseUrl;
    @Inject
    @ConfigProperty(name = "whatsapp.graph.version", defaultValue = "v24.0")
    String version;
    @Inject
    PublicAddress publicAddress;
    @Inject
    @ConfigProperty(name = "whatsapp.meta.app-id", defaultValue = "sandbox-app")
    String appId;

    /** The versioned root, for example {@code https://graph.facebook.com/v24.0/}. */
    public URI versionedRoot() {
        BaseUrl root = baseUrl.map(BaseUrl::of).orElseGet(() -> publicAddress.base().below("sandbox/graph"));
        return root.below(version).uri();
    }

    public String version() {
        return version;
    }

    public String appId() {
        return appId;
    }

    public boolean usesSandbox() {
        return baseUrl.isEmpty();
    }

    /** Whether calls go to Meta itself ({@code graph.facebook.com} or another of its hosts). */
    public boolean pointsAtMeta() {
        return baseUrl.map(url -> {
            try {
                String host = URI.create(url.strip()).getHost();
                return host != null && (host.equalsIgnoreCase("facebook.com") || host.toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".facebook.com"));
            } catch (IllegalArgumentException notAUrl) {
                return false;
            }
        }).orElse(false);
    }
}
