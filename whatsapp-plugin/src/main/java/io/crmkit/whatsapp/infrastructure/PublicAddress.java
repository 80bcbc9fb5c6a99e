package io.crmkit.whatsapp.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where this server is reachable from outside ({@code CRM_PUBLIC_BASE_URL}): Meta's callback, the sandbox. */
@ApplicationScoped
public class PublicAddress {
    @Inject
    @ConfigProperty(name = "crm.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    /** The absolute URL of a path on this server, for example {@code /webhooks/whatsapp}. */
    public String of(String path) {
        return baseUrl.replaceAll("/$", "") + path;
    }
}
