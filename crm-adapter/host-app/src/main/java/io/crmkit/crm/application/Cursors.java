package io.crmkit.crm.application;

import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.RefusalText;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Opaque cursors for keyset pagination: clients pass back what they were given and never build one. */
public final class Cursors {
    private static final String PREFIX = "after:";

    private Cursors() {
    }

    public static String encode(long afterId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + afterId).getBytes(StandardCharsets.US_ASCII));
    }

    public static Optional<Long> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                return Optional.of(Long.parseLong(text.substring(PREFIX.length())));
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw new InvalidInputException("cursor", RefusalText.UNKNOWN_CURSOR);
    }
}
