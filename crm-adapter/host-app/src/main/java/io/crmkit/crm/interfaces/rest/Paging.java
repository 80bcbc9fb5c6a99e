package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.Cursors;
import io.crmkit.crm.application.Slice;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.RefusalText;

import java.util.List;
import java.util.Optional;

/** Query parameters {@code limit} and {@code cursor}, and the list answer {@code {items, nextCursor}}. */
public final class Paging {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private Paging() {
    }

    static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInputException("limit", RefusalText.OUT_OF_RANGE, "limit", 1, MAX_LIMIT);
        }
        return requested;
    }

    static Optional<Long> after(String cursor) {
        return Cursors.decode(cursor);
    }

    /** A page of a list. */
    public record ListPage<T>(List<T> items, String nextCursor) {
        static <T> ListPage<T> of(Slice<T> slice) {
            return new ListPage<>(slice.items(), slice.nextAfterId().map(Cursors::encode).orElse(null));
        }
    }
}
