package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;

import java.util.Optional;

/** The query parameters of a paged list: how many items, and after which one. */
final class Paging {
    private Paging() {
    }

    /** The page size asked for, or {@code byDefault}; refused outside 1 to {@code most}. */
    static int limit(Integer given, int byDefault, int most) {
        int size = given == null ? byDefault : given;
        if (size < 1 || size > most) {
            throw Refusal.invalid("limit", RefusalText.OUT_OF_RANGE, "limit", 1, most);
        }
        return size;
    }

    /** A cursor that is the id of the last item of the previous page; empty for the first page. */
    static Optional<Long> idCursor(String cursor) {
        try {
            return Optional.ofNullable(cursor).filter(c -> !c.isBlank()).map(String::strip).map(Long::valueOf);
        } catch (NumberFormatException notOurs) {
            throw Refusal.invalid("cursor", RefusalText.UNKNOWN_CURSOR);
        }
    }
}
