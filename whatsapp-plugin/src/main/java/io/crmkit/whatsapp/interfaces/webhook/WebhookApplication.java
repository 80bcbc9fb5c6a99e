package io.crmkit.whatsapp.interfaces.webhook;

import io.crmkit.whatsapp.interfaces.rest.Problems;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** Meta's side: {@code /webhooks}, outside host login, authenticated by signature. */
@ApplicationPath("/webhooks")
public class WebhookApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WhatsAppWebhookResource.class, Problems.RefusalMapper.class);
    }

    /** No WADL: the API's description is {@code /openapi}, and nothing else need tell strangers its structure. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
