package io.crmkit.plugin.api;

import java.util.Locale;
import java.util.Optional;

/** The kinds of host record a plugin can refer to, attach notes to, and contribute panels to. */
public enum RecordModule {
    CONTACTS,
    COMPANIES,
    PIPELINES;

    /** The module's name in URLs ({@code contacts}, {@code companies}, {@code pipelines}). */
    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The module named by a URL segment, if any. */
    public static Optional<RecordModule> fromPathSegment(String segment) {
        for (RecordModule module : values()) {
            if (module.pathSegment().equals(segment)) {
                return Optional.of(module);
            }
        }
        return Optional.empty();
    }
}
