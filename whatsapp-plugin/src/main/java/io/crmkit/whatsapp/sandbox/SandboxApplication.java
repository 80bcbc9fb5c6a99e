package io.crmkit.whatsapp.sandbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The sandbox's own JAX-RS application under {@code /sandbox}, outside host login. */
@ApplicationPath("/sandbox")
public class SandboxApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SandboxGate.class, SandboxGraphResource.class, SandboxControlResource.class,
                SandboxMediaResource.class);
    }

    /** No WADL: the API's description is {@code /openapi}, and nothing else need tell strangers its structure. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
