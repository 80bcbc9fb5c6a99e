package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.FakePaymentProcessor;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Payments plugins took from the organisation, and the fake processor that takes them (Settings > Payments);
 * administrators only.
 */
@Path("crm/payments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PaymentsResource {
    @Inject
    FakePaymentProcessor processor;
    @Inject
    CallerContext caller;

    /** The fake processor's setting. */
    public record ProcessorView(String name, boolean declinesEveryPayment) {
        static ProcessorView of(boolean declines) {
            return new ProcessorView("Fake payment processor (no money moves)", declines);
        }
    }

    private CurrentUser administrator() {
        CurrentUser user = caller.require();
        AccessPolicy.requireAdministrator(user);
        return user;
    }

    /** A payment as the API shows it; the currency by its ISO 4217 code. */
    public record PaymentView(long id, String description, BigDecimal amount, String currency, boolean paid,
                              Instant createdAt) {
        static PaymentView of(FakePaymentProcessor.Payment payment) {
            return new PaymentView(payment.id(), payment.description(), payment.amount(),
                    payment.currency().getCurrencyCode(), payment.paid(), payment.createdAt());
        }
    }

    @GET
    public List<PaymentView> list() {
        return processor.payments(administrator().organisationId()).stream().map(PaymentView::of).toList();
    }

    @GET
    @Path("processor")
    public ProcessorView processor() {
        return ProcessorView.of(processor.declinesEveryPayment(administrator().organisationId()));
    }

    /** {@code {declinesEveryPayment}}. */
    @PUT
    @Path("processor")
    public ProcessorView setProcessor(JsonObject body) {
        long organisation = administrator().organisationId();
        boolean declines = JsonInput.of(body).bool("declinesEveryPayment").orElseThrow(() -> new InvalidInputException(
                "declinesEveryPayment", RefusalText.REQUIRED, "declinesEveryPayment"));
        processor.declineEveryPayment(organisation, declines);
        return ProcessorView.of(declines);
    }
}
