package io.crmkit.whatsapp.infrastructure.persistence;

import java.util.Collection;
import java.util.stream.Collectors;

/** PostgreSQL array literals for native queries, such as {@code where id = any(cast(?1 as bigint[]))}. */
public final class PostgresArrays {
    private PostgresArrays() {
    }

    /** The literal {@code {1,2,3}} of a {@code bigint[]}. */
    public static String ofIds(Collection<? extends Number> ids) {
        return ids.stream().map(id -> Long.toString(id.longValue())).collect(Collectors.joining(",", "{", "}"));
    }
}
