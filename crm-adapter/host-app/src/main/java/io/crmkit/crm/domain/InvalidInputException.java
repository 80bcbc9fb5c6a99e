package io.crmkit.crm.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Input the CRM refuses, naming the field; thrown before anything is stored. The message is the English text, for
 * logs and for plugins; {@link #detailIn(Locale)} says it in the reader's language.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final RefusalText text;
    private final List<String> arguments;

    public InvalidInputException(String field, RefusalText text, Object... arguments) {
        super(text.format(Locale.ENGLISH, arguments));
        this.field = Objects.requireNonNull(field);
        this.text = text;
        this.arguments = Arrays.stream(arguments).map(String::valueOf).toList();
    }

    public String field() {
        return field;
    }

    public String detailIn(Locale locale) {
        return text.format(locale, arguments.toArray());
    }
}
