package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.outbound.Outbox;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an upload before its body is read, when the caller may not answer in that conversation: a user
 * without the level, or of another organisation, cannot make the server receive and store 100 MB for nothing.
 */
@Provider
@AnswerableBeforeUpload
public class UploadGate implements ContainerRequestFilter {
    @Inject
    Callers callers;
    @Inject
    Outbox outbox;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        try {
            outbox.requireAnswerable(callers.user(), Long.parseLong(id));
        } catch (NumberFormatException notAnId) {
            throw Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, id);
        }
    }
}
