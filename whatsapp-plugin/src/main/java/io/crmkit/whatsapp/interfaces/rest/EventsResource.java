package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.conversations.ConversationService;
import io.crmkit.whatsapp.application.live.LiveUpdates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/whatsapp/events}: server-sent events {@code message}, {@code status} and
 * {@code conversation}, each {@code {conversationId, messageId?}}, for what the caller may see.
 */
@Path("whatsapp/events")
@RequestScoped
public class EventsResource {
    @Inject
    Callers callers;
    @Inject
    ConversationService conversations;
    @Inject
    LiveUpdates live;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void listen(@Context SseEventSink sink, @Context Sse sse) {
        CurrentUser user = callers.user();
        live.listen(user, conversations.requireView(user), sink, sse);
    }
}
