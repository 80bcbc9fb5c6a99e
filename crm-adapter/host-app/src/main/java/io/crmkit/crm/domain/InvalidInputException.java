package io.crmkit.crm.domain;

import java.util.Objects;

/** Input the CRM refuses, naming the field; thrown before anything is stored. */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field);
    }

    public String field() {
        return field;
    }
}
