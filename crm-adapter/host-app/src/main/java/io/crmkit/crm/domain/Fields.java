package io.crmkit.crm.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** The CRM's rules for text fields, shared by every entity so that limits match the schema. */
public final class Fields {
    public static final int NAME_MAX = 100;
    public static final int TITLE_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int URL_MAX = 500;
    public static final int NOTE_MAX = 10_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Fields() {
    }

    /** A required text: trimmed, non-blank, at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field, RefusalText.REQUIRED, field);
        }
        return limited(field, trimmed, max);
    }

    /** An optional text: trimmed; blank means absent. */
    public static Optional<String> optional(String field, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(limited(field, trimmed, max));
    }

    /** A text that may be empty but not too long. */
    public static String limited(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.codePointCount(0, text.length()) > max) {
            throw new InvalidInputException(field, RefusalText.LONGER_THAN, field, max);
        }
        return text;
    }

    public static Optional<String> email(String value) {
        Optional<String> email = optional("email", value, EMAIL_MAX);
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw new InvalidInputException("email", RefusalText.NOT_AN_EMAIL);
        }
        return email;
    }
}
