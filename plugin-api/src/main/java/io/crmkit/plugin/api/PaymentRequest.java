package io.crmkit.plugin.api;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A charge a plugin asks the host to make.
 *
 * @param idempotencyKey the same key for every attempt at the same charge; at most 200 characters
 * @param amount         more than zero, in {@code currency}
 * @param description    what the organisation pays for, as its statement should say it
 */
public record PaymentRequest(String idempotencyKey, BigDecimal amount, Currency currency, String description) {
    public PaymentRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("an idempotency key has 1 to 200 characters");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a payment is of more than zero, was " + amount);
        }
    }
}
