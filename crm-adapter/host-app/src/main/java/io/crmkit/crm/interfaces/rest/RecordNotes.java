package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.NoteService;
import io.crmkit.crm.domain.Note;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.RecordModule;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code /api/crm/{module}/{id}/notes}: the notes of one record, reached through each module's resource
 * (JAX-RS matches the module's own path first, so notes live under it).
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordNotes {
    private final NoteService notes;
    private final CallerContext caller;
    private final RecordModule module;
    private final long recordId;

    RecordNotes(NoteService notes, CallerContext caller, RecordModule module, long recordId) {
        this.notes = notes;
        this.caller = caller;
        this.module = module;
        this.recordId = recordId;
    }

    /** A note as the API shows it. */
    public record NoteView(long id, String text, Instant createdAt, long authorId) {
        static NoteView of(Note n) {
            return new NoteView(n.id(), n.text(), n.createdAt(), n.authorId());
        }
    }

    @GET
    public List<NoteView> list() {
        return notes.list(caller.require().organisationId(), module, recordId).stream().map(NoteView::of).toList();
    }

    @POST
    public Response add(JsonObject body) {
        CurrentUser user = caller.require();
        String text = JsonInput.of(body).text("text").orElse("");
        Note note = notes.add(user.organisationId(), module, recordId, text, user.userId());
        return Response.status(Response.Status.CREATED).entity(NoteView.of(note)).build();
    }
}
