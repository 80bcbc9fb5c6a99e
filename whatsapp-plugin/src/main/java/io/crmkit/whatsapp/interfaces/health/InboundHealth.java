package io.crmkit.whatsapp.interfaces.health;

import io.crmkit.whatsapp.application.inbound.DeliveryProblems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells operators in {@code /health}'s data how many webhook events wait for an administrator. Parked events
 * do not make the node unready: it processes everything else, and sending traffic elsewhere would not help them.
 */
@Readiness
@ApplicationScoped
public class InboundHealth implements HealthCheck {
    @Inject
    DeliveryProblems problems;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("whatsapp-inbound").up()
                .withData("parkedEvents", problems.waitingForAnAdministrator()).build();
    }
}
