package io.crmkit.whatsapp.domain;

import java.util.Locale;

/** What a paid conversation (or, priced per message, a message) is charged as. */
public enum ChargeCategory {
    MARKETING,
    UTILITY,
    /** Answering a customer within their 24-hour window: free up to the monthly allowance. */
    SERVICE;

    public static ChargeCategory of(TemplateCategory template) {
        return template == TemplateCategory.MARKETING ? MARKETING : UTILITY;
    }

    /** The word in configuration keys: {@code marketing}, {@code utility}, {@code service}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
