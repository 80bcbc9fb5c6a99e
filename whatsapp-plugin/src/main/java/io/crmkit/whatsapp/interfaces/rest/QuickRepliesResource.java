package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.QuickReplies;
import io.crmkit.whatsapp.domain.QuickReply;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** {@code /api/whatsapp/quick-replies}: {@code {shortcut, text}}; agents who may reply read, administrators manage. */
@Path("whatsapp/quick-replies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuickRepliesResource {
    @Inject
    QuickReplies quickReplies;
    @Inject
    Callers callers;

    public record QuickReplyView(long id, String shortcut, String text) {
        static QuickReplyView of(QuickReply q) {
            return new QuickReplyView(q.id(), q.shortcut(), q.text());
        }
    }

    @GET
    public List<QuickReplyView> list() {
        var user = callers.user();
        return quickReplies.list(user).stream().map(QuickReplyView::of).toList();
    }

    @POST
    public Response create(JsonObject body) {
        QuickReply created = quickReplies.create(callers.administrator(), field(body, "shortcut"), field(body, "text"));
        return Response.created(URI.create("/api/whatsapp/quick-replies/" + created.id()))
                .entity(QuickReplyView.of(created)).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    public QuickReplyView update(@PathParam("id") long id, JsonObject body) {
        return QuickReplyView.of(quickReplies.update(callers.administrator(), id, field(body, "shortcut"), field(body, "text")));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        quickReplies.delete(callers.administrator(), id);
        return Response.noContent().build();
    }

    private static String field(JsonObject body, String name) {
        if (body == null || !(body.get(name) instanceof jakarta.json.JsonString text)) {
            throw Refusal.invalid(name, RefusalText.REQUIRED, name);
        }
        return text.getString();
    }
}
