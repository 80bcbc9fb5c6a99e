package io.crmkit.whatsapp.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a conversation is with, as WhatsApp names them: a phone number's WhatsApp id ({@code wa_id}, its digits),
 * or, for a user who shows no number, their user id. Kept in the conversation as one key.
 */
public sealed interface CustomerAddress {
    String USER_KEY_PREFIX = "user:";

    /** The key the conversation stores: the digits of the number, or {@code user:} and the user id. */
    String key();

    /** The number in international notation ({@code +} and the digits), when the customer shows one. */
    Optional<String> phoneNumber();

    /** What Meta's {@code to} takes to reach the customer. */
    String recipient();

    record PhoneNumber(String waId) implements CustomerAddress {
        public PhoneNumber {
            Objects.requireNonNull(waId, "waId");
        }

        @Override
        public String key() {
            return waId;
        }

        @Override
        public Optional<String> phoneNumber() {
            return Optional.of("+" + waId);
        }

        @Override
        public String recipient() {
            return "+" + waId;
        }
    }

    record UserId(String userId) implements CustomerAddress {
        public UserId {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String key() {
            return USER_KEY_PREFIX + userId;
        }

        @Override
        public Optional<String> phoneNumber() {
            return Optional.empty();
        }

        @Override
        public String recipient() {
            return userId;
        }
    }

    /** The address of a message's sender: the number when WhatsApp gives one, otherwise the user id. */
    static CustomerAddress of(Optional<String> waId, Optional<String> userId) {
        return waId.<CustomerAddress>map(PhoneNumber::new).orElseGet(() -> new UserId(userId.orElse("unknown")));
    }

    /** The address a stored key stands for. */
    static CustomerAddress fromKey(String key) {
        return key.startsWith(USER_KEY_PREFIX) ? new UserId(key.substring(USER_KEY_PREFIX.length())) : new PhoneNumber(key);
    }
}
