package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.inbound.DeliveryProblems;
import io.crmkit.whatsapp.application.inbound.WebhookEventQueue.ParkedEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code /api/whatsapp/delivery-problems}: webhook events that could not be processed (Settings > Messages >
 * Delivery problems), for administrators: list, retry, dismiss.
 */
@Path("whatsapp/delivery-problems")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryProblemsResource {
    @Inject
    DeliveryProblems problems;
    @Inject
    Callers callers;

    /**
     * @param customer the customer's number ({@code +} and the WhatsApp id) or user id, when the event names one
     * @param reason   why the last attempt failed
     */
    public record ProblemView(long id, long channelId, String channelName, String phoneNumber, String kind,
                              String customer, Instant receivedAt, Instant parkedAt, int attempts, String reason) {
        static ProblemView of(ParkedEvent event) {
            return new ProblemView(event.id(), event.channelId(), event.channelName(), event.displayPhoneNumber(),
                    event.kind(), event.customer().map(c -> c.matches("[0-9]+") ? "+" + c : c).orElse(null),
                    event.receivedAt(), event.parkedAt(), event.attempts(), event.reason());
        }
    }

    public record ProblemList(List<ProblemView> items, String nextCursor) {
    }

    @GET
    public ProblemList list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        CurrentUser administrator = callers.administrator();
        DeliveryProblems.ProblemPage page = problems.list(administrator, Paging.idCursor(cursor), Paging.limit(limit, 50, 200));
        return new ProblemList(page.items().stream().map(ProblemView::of).toList(),
                page.nextBefore().map(String::valueOf).orElse(null));
    }

    @POST
    @Path("{id: [0-9]+}/retry")
    public Response retry(@PathParam("id") long id) {
        problems.retry(callers.administrator(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id: [0-9]+}/dismiss")
    public Response dismiss(@PathParam("id") long id) {
        problems.dismiss(callers.administrator(), id);
        return Response.noContent().build();
    }
}
