package io.crmkit.plugin.api;

import java.util.Objects;

/** Input the host refuses; nothing was stored. */
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
