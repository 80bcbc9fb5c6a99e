package io.crmkit.crm.application;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list read newest first by keyset: {@code nextAfterId} is the id to continue below.
 */
public record Slice<T>(List<T> items, Optional<Long> nextAfterId) {
    public Slice {
        items = List.copyOf(items);
    }

    /** Cuts a result read with {@code limit + 1} rows into a page and the key of the next one. */
    public static <T> Slice<T> of(List<T> rowsPlusOne, int limit, Function<T, Long> id) {
        if (rowsPlusOne.size() <= limit) {
            return new Slice<>(rowsPlusOne, Optional.empty());
        }
        List<T> page = rowsPlusOne.subList(0, limit);
        return new Slice<>(page, Optional.of(id.apply(page.get(limit - 1))));
    }

    public <R> Slice<R> map(Function<T, R> mapper) {
        return new Slice<>(items.stream().map(mapper).toList(), nextAfterId);
    }
}
