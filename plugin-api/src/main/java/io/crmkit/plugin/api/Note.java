package io.crmkit.plugin.api;

import java.time.Instant;
import java.util.Objects;

/** A dated text on a record, written by a user. */
public record Note(long id, RecordRef record, String text, Instant createdAt, long authorId) {
    public Note {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
