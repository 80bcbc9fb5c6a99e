package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.infrastructure.PublicAddress;
import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import io.crmkit.whatsapp.infrastructure.graph.GraphSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** {@code /api/whatsapp/settings}: what an administrator pastes into Meta's app dashboard, and signup settings. */
@Path("whatsapp/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    @Inject
    Callers callers;
    @Inject
    InstallationSecrets secrets;
    @Inject
    GraphSettings graph;
    @Inject
    PublicAddress publicAddress;
    @Inject
    @ConfigProperty(name = "whatsapp.meta.app-id")
    Optional<String> appId;
    @Inject
    @ConfigProperty(name = "whatsapp.meta.configuration-id")
    Optional<String> configurationId;

    /**
     * @param appSecretConfigured false while the installation uses its generated demo secret, which only the
     *                            sandbox knows: set WHATSAPP_APP_SECRET to Meta's before connecting real numbers
     */
    public record WebhookSettings(String callbackUrl, String verifyToken, boolean appSecretConfigured,
                                  boolean sandbox) {
    }

    /** @param available whether the browser flow can run (a Meta app id and configuration id are set) */
    public record EmbeddedSignupSettings(boolean available, String appId, String configurationId, String graphVersion) {
    }

    @GET
    @Path("webhook")
    public WebhookSettings webhook() {
        callers.administrator();
        return new WebhookSettings(publicAddress.of("/webhooks/whatsapp"), secrets.verifyToken(),
                secrets.appSecretConfigured(), graph.usesSandbox());
    }

    @GET
    @Path("embedded-signup")
    public EmbeddedSignupSettings embeddedSignup() {
        callers.administrator();
        return new EmbeddedSignupSettings(appId.isPresent() && configurationId.isPresent(), appId.orElse(null),
                configurationId.orElse(null), graph.version());
    }
}
