package io.crmkit.plugin.api;

import java.util.Objects;

/**
 * Input the host refuses; nothing was stored. The message says what is wrong in the language of the user the host
 * serves when the call comes with one (a plugin may show it to that user as it is), in English otherwise.
 */
public class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidRecordException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The name of the offending field, as in the record component. */
    public String field() {
        return field;
    }
}
