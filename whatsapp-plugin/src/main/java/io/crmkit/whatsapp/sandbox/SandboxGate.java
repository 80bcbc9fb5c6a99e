package io.crmkit.whatsapp.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Hides the whole sandbox (404) unless it is enabled. It is never on beside Meta: with the Graph base URL
 * pointing at Meta, the sandbox stays off whatever its flag says, so that nothing can play customers of real
 * numbers or sign webhooks with the real app secret.
 */
@Provider
@PreMatching
public class SandboxGate implements ContainerRequestFilter {
    @Inject
    SandboxSwitch sandbox;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!sandbox.isOn()) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
