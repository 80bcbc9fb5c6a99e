package io.crmkit.whatsapp.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hides the whole sandbox (404) unless it is enabled. */
@Provider
@PreMatching
public class SandboxGate implements ContainerRequestFilter {
    @Inject
    @ConfigProperty(name = "whatsapp.sandbox.enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
