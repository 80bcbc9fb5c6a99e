package io.crmkit.whatsapp.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A button under a template's text.
 *
 * @param url         a {@link Type#URL} button's address, which may end in one merge field filled when sent
 * @param phoneNumber a {@link Type#PHONE_NUMBER} button's number, with its country code
 */
public record TemplateButton(Type type, String text, Optional<String> url, Optional<String> phoneNumber) {
    public static final int TEXT_MAX = 25;

    public enum Type { QUICK_REPLY, URL, PHONE_NUMBER }

    public TemplateButton {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
    }
}
