package io.crmkit.whatsapp.infrastructure;

import io.crmkit.plugin.api.BaseUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where this server is reachable from outside, as the host says: Meta's callback, the sandbox. */
@ApplicationScoped
public class PublicAddress {
    @Inject
    PluginRuntime runtime;

    /** The server's public base address, for example {@code https://crm.example/} or {@code http://192.0.2.2:8080/}. */
    public BaseUrl base() {
        return BaseUrl.of(runtime.publicBaseUrl());
    }

    /**
     * The absolute URL of a path on this server, for example {@code /webhooks/whatsapp}, below the base address's own
     * path (a host served under a context path keeps it).
     */
    public String of(String path) {
        return base().resolve(path).toString();
    }
}
