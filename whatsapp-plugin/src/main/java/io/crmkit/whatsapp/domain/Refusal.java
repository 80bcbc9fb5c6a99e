package io.crmkit.whatsapp.domain;

import java.util.Objects;
import java.util.Optional;

/** A request the plugin refuses, with the contract's code and a message that says what to do next. */
public class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;
    private final String field;

    public Refusal(ProblemCode code, String message) {
        this(code, message, null);
    }

    private Refusal(ProblemCode code, String message, String field) {
        super(message);
        this.code = Objects.requireNonNull(code);
        this.field = field;
    }

    public static Refusal invalid(String field, String message) {
        return new Refusal(ProblemCode.VALIDATION_FAILED, message, field);
    }

    public static Refusal notFound(String what) {
        return new Refusal(ProblemCode.NOT_FOUND, what + " does not exist");
    }

    public ProblemCode code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
