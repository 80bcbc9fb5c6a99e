package io.crmkit.plugin.api;

import java.util.Objects;

/** A reference to one host record, for notes and links. */
public record RecordRef(RecordModule module, long id) {
    public RecordRef {
        Objects.requireNonNull(module, "module");
    }

    public static RecordRef contact(long id) {
        return new RecordRef(RecordModule.CONTACTS, id);
    }

    public static RecordRef company(long id) {
        return new RecordRef(RecordModule.COMPANIES, id);
    }

    public static RecordRef pipelineRecord(long id) {
        return new RecordRef(RecordModule.PIPELINES, id);
    }
}
