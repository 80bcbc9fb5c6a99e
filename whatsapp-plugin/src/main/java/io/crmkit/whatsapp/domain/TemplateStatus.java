package io.crmkit.whatsapp.domain;

import java.util.Locale;
import java.util.Optional;

/** Where a template stands in Meta's review; only an {@link #sendable() approved or flagged} one may be sent. */
public enum TemplateStatus {
    PENDING, APPROVED, REJECTED, PAUSED, DISABLED, FLAGGED;

    public boolean sendable() {
        return this == APPROVED || this == FLAGGED;
    }

    /**
     * Meta's word for a status, in a list or a {@code message_template_status_update} event, as the plugin keeps it:
     * REINSTATED is approved again, IN_APPEAL is pending again, ARCHIVED, LOCKED and LIMIT_EXCEEDED cannot be sent.
     * Empty for PENDING_DELETION and DELETED (the template is gone) and for words Meta may add later.
     */
    public static Optional<TemplateStatus> fromMeta(String word) {
        return switch (word == null ? "" : word.toUpperCase(Locale.ROOT)) {
            case "PENDING", "IN_APPEAL" -> Optional.of(PENDING);
            case "APPROVED", "REINSTATED" -> Optional.of(APPROVED);
            case "REJECTED", "LIMIT_EXCEEDED" -> Optional.of(REJECTED);
            case "PAUSED" -> Optional.of(PAUSED);
            case "DISABLED", "ARCHIVED", "LOCKED" -> Optional.of(DISABLED);
            case "FLAGGED" -> Optional.of(FLAGGED);
            default -> Optional.empty();
        };
    }

    /** Whether Meta's word says the template no longer exists. */
    public static boolean deletedAtMeta(String word) {
        return "PENDING_DELETION".equalsIgnoreCase(word) || "DELETED".equalsIgnoreCase(word);
    }
}
