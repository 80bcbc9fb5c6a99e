package io.crmkit.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page to read.
 *
 * @param limit  how many items at most, 1 to {@link #MAX_LIMIT}
 * @param cursor a {@link Page#nextCursor()} from the previous page, or empty for the first page
 */
public record PageRequest(int limit, Optional<String> cursor) {
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        Objects.requireNonNull(cursor, "cursor");
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    public PageRequest after(String cursor) {
        return new PageRequest(limit, Optional.of(cursor));
    }
}
