package io.crmkit.whatsapp.interfaces.health;

import io.crmkit.whatsapp.application.inbound.DeliveryProblems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** The inbound side in {@code /metrics}: {@code whatsapp_inbound_parked_events}, the events waiting for an administrator. */
@ApplicationScoped
public class InboundMetrics {
    @Inject
    DeliveryProblems problems;
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    /** Registers the metrics; called once when the plugin starts. */
    public void start() {
        metrics.gauge(Metadata.builder().withName("whatsapp.inbound.parked.events")
                        .withDescription("Webhook events that could not be processed and wait for an administrator").build(),
                problems::waitingForAnAdministrator);
    }
}
