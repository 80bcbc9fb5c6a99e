package io.crmkit.crm.adapter;

import io.crmkit.crm.application.NoteService;
import io.crmkit.plugin.api.Note;
import io.crmkit.plugin.api.RecordRef;

import java.util.List;

import static io.crmkit.crm.adapter.AdaptedServices.translated;

/** Notes of one organisation, for plugins. */
final class AdaptedNotes implements io.crmkit.plugin.api.NoteService {
    private final long org;
    private final NoteService notes;

    AdaptedNotes(long org, NoteService notes) {
        this.org = org;
        this.notes = notes;
    }

    private static Note toApi(io.crmkit.crm.domain.Note n) {
        return new Note(n.id(), new RecordRef(n.module(), n.recordId()), n.text(), n.createdAt(), n.authorId());
    }

    @Override
    public List<Note> list(RecordRef record) {
        return translated(() -> notes.list(org, record.module(), record.id()).stream().map(AdaptedNotes::toApi).toList());
    }

    @Override
    public Note add(RecordRef record, String text, long authorId) {
        return translated(() -> toApi(notes.add(org, record.module(), record.id(), text, authorId)));
    }
}
