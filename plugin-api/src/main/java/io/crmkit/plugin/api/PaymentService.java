package io.crmkit.plugin.api;

/**
 * How an organisation pays its host: a plugin charges it for what it sells (credits, for example). The host decides
 * how (a card on file, an invoice); the plugin sees only the outcome.
 */
public interface PaymentService {

    /** A host that takes no payments: every charge is refused as not supported. */
    PaymentService NONE = request -> {
        throw new UnsupportedOperationException("this CRM takes no payments");
    };

    /**
     * Charges the organisation. A request with an idempotency key the host has seen answers that first request's
     * outcome and charges nothing more, so a caller unsure whether a charge happened (a timeout, a crash) asks again
     * with the same key.
     *
     * @throws UnsupportedOperationException from a host that takes no payments
     */
    PaymentResult charge(PaymentRequest request);
}
