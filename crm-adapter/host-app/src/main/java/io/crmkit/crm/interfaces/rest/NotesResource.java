package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.NoteService;
import io.crmkit.crm.domain.Note;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.RecordModule;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/** {@code /api/crm/{module}/{id}/notes}: notes on contacts, companies and pipeline records. */
@Path("crm/{module}/{id}/notes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotesResource {
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

    @GET
    public List<NoteView> list(@PathParam("module") String module, @PathParam("id") long id) {
        return notes.list(caller.require().organisationId(), module(module, id), id).stream().map(NoteView::of).toList();
    }

    @POST
    public Response add(@PathParam("module") String module, @PathParam("id") long id, JsonObject body) {
        CurrentUser user = caller.require();
        String text = JsonInput.of(body).text("text").orElse("");
        Note note = notes.add(user.organisationId(), module(module, id), id, text, user.userId());
        return Response.status(Response.Status.CREATED).entity(NoteView.of(note)).build();
    }

    private static RecordModule module(String segment, long id) {
        return RecordModule.fromPathSegment(segment).orElseThrow(() -> new UnknownRecordException(segment, id));
    }
}
