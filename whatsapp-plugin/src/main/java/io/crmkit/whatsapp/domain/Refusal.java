package io.crmkit.whatsapp.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the plugin refuses: the contract's code, the request field at fault if one is, and a text that says
 * what to do next in the language of whoever reads it. The exception's own message is the English text, for logs.
 */
public class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;
    private final String field;
    private final RefusalText text;
    private final List<String> arguments;

    public Refusal(ProblemCode code, RefusalText text, Object... arguments) {
        this(code, null, text, arguments);
    }

    private Refusal(ProblemCode code, String field, RefusalText text, Object... arguments) {
        super(text.format(Locale.ENGLISH, arguments));
        this.code = Objects.requireNonNull(code);
        this.field = field;
        this.text = text;
        this.arguments = Arrays.stream(arguments).map(String::valueOf).toList();
    }

    /** {@code VALIDATION_FAILED} for the request field {@code field}. */
    public static Refusal invalid(String field, RefusalText text, Object... arguments) {
        return new Refusal(ProblemCode.VALIDATION_FAILED, Objects.requireNonNull(field), text, arguments);
    }

    /** A refusal with its own code that names the request field at fault. */
    public static Refusal of(ProblemCode code, String field, RefusalText text, Object... arguments) {
        return new Refusal(code, Objects.requireNonNull(field), text, arguments);
    }

    public static Refusal notFound(RefusalText text, Object... arguments) {
        return new Refusal(ProblemCode.NOT_FOUND, null, text, arguments);
    }

    public ProblemCode code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** What the refusal says, in {@code locale}'s language where there is a translation. */
    public String detailIn(Locale locale) {
        return text.format(locale, arguments.toArray());
    }
}
