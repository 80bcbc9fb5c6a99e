package io.crmkit.whatsapp.application.meta;

import io.crmkit.whatsapp.domain.MetaPricing;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery update of a message the business sent.
 *
 * @param referenceId the plugin's own id of the message, echoed from {@code biz_opaque_callback_data}
 */
public record MessageStatus(String wamid, State state, Instant timestamp, String recipientId,
                            Optional<String> referenceId, Optional<MetaError> error, Optional<MetaPricing> pricing) {
    public MessageStatus {
        Objects.requireNonNull(wamid);
        Objects.requireNonNull(state);
        Objects.requireNonNull(timestamp);
    }

    /** Meta's status values; a value Meta adds later is {@link #UNKNOWN}. */
    public enum State {
        SENT, DELIVERED, READ, PLAYED, FAILED, DELETED, UNKNOWN;

        public static State fromWire(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException added) {
                return UNKNOWN;
            }
        }
    }
}
