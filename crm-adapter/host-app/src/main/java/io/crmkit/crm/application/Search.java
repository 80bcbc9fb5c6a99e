package io.crmkit.crm.application;

/** Helpers for the CRM's "contains" searches. */
final class Search {
    private Search() {
    }

    /** Escapes LIKE wildcards so that a user's {@code %} or {@code _} matches itself. */
    /** A case-insensitive "contains" LIKE pattern for a user's search text (blank matches everything). */
    static String containsPattern(String text) {
        return "%" + escapeLike(text == null ? "" : text.strip().toLowerCase()) + "%";
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
