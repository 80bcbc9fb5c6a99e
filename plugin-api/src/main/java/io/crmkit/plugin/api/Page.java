package io.crmkit.plugin.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param nextCursor an opaque cursor for the following page; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
