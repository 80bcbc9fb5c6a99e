package io.crmkit.plugin.api;

import java.net.URI;

/** Where the host shows its records, so that plugin screens can link to them. */
public interface RecordLinks {

    /** A link, relative to the host's web root (for example {@code /app/contacts/42}), to a record's page. */
    URI pageOf(RecordRef record);
}
