package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.infrastructure.graph.GraphSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Logger;

/**
 * Whether the sandbox runs on this server: when {@code WHATSAPP_SANDBOX_ENABLED} says so (the demo's default),
 * and never while the Graph base URL is Meta's.
 */
@ApplicationScoped
public class SandboxSwitch {
    private static final Logger LOG = Logger.getLogger(SandboxSwitch.class.getName());

    @Inject
    @ConfigProperty(name = "whatsapp.sandbox.enabled", defaultValue = "true")
    boolean enabled;
    @Inject
    GraphSettings graph;

    private boolean on;

    @PostConstruct
    void decide() {
        on = enabled && !graph.pointsAtMeta();
        if (enabled && !on) {
            LOG.info("The sandbox is off: the Graph API is Meta's (WHATSAPP_GRAPH_BASE_URL), and the sandbox never"
                    + " runs beside real numbers. WHATSAPP_SANDBOX_ENABLED=true is ignored.");
        }
    }

    public boolean isOn() {
        return on;
    }
}
