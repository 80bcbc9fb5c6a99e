package io.crmkit.whatsapp.application.webhook;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing Meta told us, split out of a webhook batch: a message, a status, an error or a template update.
 *
 * @param routing    the phone number id (messages, statuses, errors) or the WABA id (template updates)
 * @param dedupeKey  equal for the same thing delivered twice, so that it is stored once
 * @param occurredAt Meta's time of the event
 * @param payload    the event's JSON as Meta sent it, with the batch's metadata and matching contact
 */
public record IncomingEvent(Kind kind, String routing, String dedupeKey, Optional<String> wamid, Instant occurredAt,
                            JsonObject payload) {
    public IncomingEvent {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(routing);
        Objects.requireNonNull(dedupeKey);
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(payload);
    }

    public enum Kind {
        MESSAGE, STATUS, TEMPLATE_STATUS, ERROR;

        /** Whether the event is routed by WABA id rather than phone number id. */
        public boolean routedByAccount() {
            return this == TEMPLATE_STATUS;
        }
    }
}
