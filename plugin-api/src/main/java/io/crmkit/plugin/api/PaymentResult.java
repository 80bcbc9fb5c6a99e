package io.crmkit.plugin.api;

import java.util.Objects;

/** The outcome of a {@link PaymentRequest}. */
public sealed interface PaymentResult {

    /** The money was taken; {@code paymentId} is the host's reference of it. */
    record Paid(String paymentId) implements PaymentResult {
        public Paid {
            Objects.requireNonNull(paymentId, "paymentId");
        }
    }

    /** The payment was refused, for a reason the organisation's administrator can act on (in their language). */
    record Declined(String reason) implements PaymentResult {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
