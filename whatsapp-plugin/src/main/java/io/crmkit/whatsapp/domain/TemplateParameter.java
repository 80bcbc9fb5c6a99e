package io.crmkit.whatsapp.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One variable of a template as Meta knows it: where it is, its name, and the merge field that fills it when sent
 * (none for a template imported from Meta, whose variables an agent fills by hand).
 *
 * @param buttonIndex the button's position, for a {@link Component#BUTTON} variable (0 otherwise)
 * @param name        the named parameter ({@code contact_first_name}), or the position ({@code 1}) in a button
 *                    URL and in templates made with positional variables
 */
public record TemplateParameter(Component component, int buttonIndex, String name, Optional<MergeField> field) {
    public enum Component { HEADER, BODY, BUTTON }

    public TemplateParameter {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
    }

    /**
     * What a value given by hand is keyed by, unique in the template: the body's parameters by their name
     * ({@code contact_first_name}), the header's as {@code header.contact_first_name}, a button's as {@code button1.1}.
     */
    public String key() {
        return switch (component) {
            case BODY -> name;
            case HEADER -> "header." + name;
            case BUTTON -> "button" + buttonIndex + "." + name;
        };
    }
}
