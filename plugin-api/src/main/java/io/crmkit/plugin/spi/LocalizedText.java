package io.crmkit.plugin.spi;

import java.util.Locale;
import java.util.Objects;

/** A short text in every language the host's UI speaks: English and Japanese in version 1. */
public record LocalizedText(String english, String japanese) {
    public LocalizedText {
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(japanese, "japanese");
        if (english.isBlank() || japanese.isBlank()) {
            throw new IllegalArgumentException("both languages are required");
        }
    }

    /** The text for a locale: Japanese for {@code ja}, English for everything else. */
    public String in(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? japanese : english;
    }
}
