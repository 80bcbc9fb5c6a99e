package io.crmkit.whatsapp.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Refuses an upload before its body is read when the caller is not an administrator. */
@Provider
@AdministratorsBeforeUpload
public class AdministratorGate implements ContainerRequestFilter {
    @Inject
    Callers callers;

    @Override
    public void filter(ContainerRequestContext request) {
        callers.administrator();
    }
}
