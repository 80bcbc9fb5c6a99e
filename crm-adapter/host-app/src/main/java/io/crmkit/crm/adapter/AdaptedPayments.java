package io.crmkit.crm.adapter;

import io.crmkit.crm.application.FakePaymentProcessor;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.plugin.api.PaymentRequest;
import io.crmkit.plugin.api.PaymentResult;
import io.crmkit.plugin.api.PaymentService;

/** Payments of one organisation, for plugins: taken by the reference host's fake processor. */
final class AdaptedPayments implements PaymentService {
    private final long org;
    private final FakePaymentProcessor processor;

    AdaptedPayments(long org, FakePaymentProcessor processor) {
        this.org = org;
        this.processor = processor;
    }

    @Override
    public PaymentResult charge(PaymentRequest request) {
        FakePaymentProcessor.Payment payment = processor.charge(org, request.idempotencyKey(), request.amount(),
                request.currency(), request.description());
        return payment.paid() ? new PaymentResult.Paid("fake-" + payment.id())
                : new PaymentResult.Declined(RefusalText.FAKE_PROCESSOR_DECLINES.format(AdaptedServices.languageOfTheUserServed()));
    }
}
