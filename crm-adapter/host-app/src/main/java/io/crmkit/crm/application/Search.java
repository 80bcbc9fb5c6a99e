package io.crmkit.crm.application;

/** Helpers for the CRM's "contains" searches. */
final class Search {
    private Search() {
    }

    /** Escapes LIKE wildcards so that a user's {@code %} or {@code _} matches itself. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
