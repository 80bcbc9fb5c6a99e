package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.outbound.NewChats;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code POST /api/whatsapp/chats} {@code {contactId, channelId, templateId, params?, pipelineRecordId?}}: a new
 * WhatsApp chat, started by the business with an approved template (to the pipeline record's contact when no
 * contact is named). 201 with the conversation and the queued message.
 */
@Path("whatsapp/chats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatsResource {
    @Inject
    NewChats chats;
    @Inject
    Callers callers;

    public record StartedView(long conversationId, long messageId, String text, String status) {
    }

    @POST
    public Response start(JsonObject body) {
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        NewChats.Started started = chats.start(callers.user(), JsonFields.id(request, "contactId"), required(request, "channelId"),
                required(request, "templateId"), JsonFields.id(request, "pipelineRecordId"), TemplatesResource.params(request));
        return Response.created(URI.create("/api/whatsapp/conversations/" + started.conversation().id()))
                .entity(new StartedView(started.conversation().id(), started.message().id(),
                        started.message().text().orElse(""), started.message().status().name())).build();
    }

    private static long required(JsonObject request, String field) {
        return JsonFields.id(request, field).orElseThrow(() -> Refusal.invalid(field, RefusalText.REQUIRED, field));
    }
}
