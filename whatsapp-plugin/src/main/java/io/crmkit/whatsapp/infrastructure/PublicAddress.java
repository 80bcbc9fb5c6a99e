package io.crmkit.whatsapp.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where this server is reachable from outside, as the host says: Meta's callback, the sandbox. */
@ApplicationScoped
public class PublicAddress {
    @Inject
    PluginRuntime runtime;

    /** The absolute URL of a path on this server, for example {@code /webhooks/whatsapp}. */
    public String of(String path) {
        return runtime.publicBaseUrl().replaceAll("/$", "") + path;
    }
}
