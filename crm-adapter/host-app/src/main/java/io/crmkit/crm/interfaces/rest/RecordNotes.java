package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.NoteService;
import io.crmkit.crm.domain.Note;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.RecordModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code /api/crm/{module}/{id}/notes}: the notes of one record, answered for each module's resource, which declares
 * the two operations itself (JAX-RS matches the module's own path first, so notes live under it; declared there rather
 * than through a sub-resource locator, they appear in {@code /openapi} like every other operation).
 */
@ApplicationScoped
public class RecordNotes {
    @Inject
    NoteService notes;
    @Inject
    CallerContext caller;

    /** A note as the API shows it. */
    public record NoteView(long id, String text, Instant createdAt, long authorId) {
        static NoteView of(Note n) {
            return new NoteView(n.id(), n.text(), n.createdAt(), n.authorId());
        }
    }

    /** The record's notes, newest first, as the caller's organisation has them. */
    public List<NoteView> list(RecordModule module, long recordId) {
        return notes.list(caller.require().organisationId(), module, recordId).stream().map(NoteView::of).toList();
    }

    /** Adds a note {@code {text}} in the caller's name: 201 with the note. */
    public Response add(RecordModule module, long recordId, JsonObject body) {
        CurrentUser user = caller.require();
        String text = JsonInput.of(body).text("text").orElse("");
        Note note = notes.add(user.organisationId(), module, recordId, text, user.userId());
        return Response.status(Response.Status.CREATED).entity(NoteView.of(note)).build();
    }
}
