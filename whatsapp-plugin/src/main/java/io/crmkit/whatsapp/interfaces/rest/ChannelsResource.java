package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.channels.ChannelService;
import io.crmkit.whatsapp.application.channels.ConnectRequest;
import io.crmkit.whatsapp.application.templates.TemplatePolling;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelMode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /api/whatsapp/channels}: connected numbers of the caller's organisation, for administrators. */
@Path("whatsapp/channels")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelsResource {
    @Inject
    ChannelService channels;
    @Inject
    Callers callers;
    @Inject
    TemplatePolling templateSync;

    /** A channel as the API shows it; never its token. */
    public record ChannelView(long id, String name, String mode, String phoneNumberId, String wabaId,
                              String displayPhoneNumber, String verifiedName, String status, List<Long> assigneeIds,
                              Instant connectedAt) {
        static ChannelView of(Channel c) {
            return new ChannelView(c.id(), c.name(), c.mode().name(), c.phoneNumberId(), c.wabaId(),
                    c.displayPhoneNumber(), c.verifiedName(), c.status().name(), c.assigneeIds(), c.connectedAt());
        }
    }

    @GET
    public List<ChannelView> list() {
        return channels.list(callers.administrator()).stream().map(ChannelView::of).toList();
    }

    @GET
    @Path("{id: [0-9]+}")
    public ChannelView get(@PathParam("id") long id) {
        return ChannelView.of(channels.get(callers.administrator(), id));
    }

    /** Connects a number: {@code {mode, name, assigneeIds, phoneNumberId?, wabaId?, accessToken?, code?}}. */
    @POST
    public Response connect(JsonObject body) {
        var admin = callers.administrator();
        ConnectRequest request = new ConnectRequest(mode(body), JsonFields.text(body, "name").orElse(""),
                JsonFields.ids(body, "assigneeIds", RefusalText.MUST_BE_USER_IDS), JsonFields.text(body, "phoneNumberId"),
                JsonFields.text(body, "wabaId"), JsonFields.text(body, "accessToken"), JsonFields.text(body, "code"));
        Channel channel = channels.connect(admin, request);
        // The account's templates made before, in Meta's screens or by an earlier installation, arrive soon.
        templateSync.syncSoon();
        return Response.created(URI.create("/api/whatsapp/channels/" + channel.id())).entity(ChannelView.of(channel)).build();
    }

    /** Changes {@code name} and {@code assigneeIds}, or re-authorises with a new {@code accessToken}. */
    @PATCH
    @Path("{id: [0-9]+}")
    public ChannelView update(@PathParam("id") long id, JsonObject body) {
        var admin = callers.administrator();
        Optional<List<Long>> assignees = body.containsKey("assigneeIds")
                ? Optional.of(JsonFields.ids(body, "assigneeIds", RefusalText.MUST_BE_USER_IDS)) : Optional.empty();
        Optional<String> name = body.containsKey("name") ? Optional.of(JsonFields.text(body, "name").orElse(""))
                : Optional.empty();
        return ChannelView.of(channels.update(admin, id, name, assignees, JsonFields.text(body, "accessToken")));
    }

    /** Disconnects: webhooks stop at Meta, sending stops, every message is kept. */
    @DELETE
    @Path("{id: [0-9]+}")
    public ChannelView disconnect(@PathParam("id") long id) {
        return ChannelView.of(channels.disconnect(callers.administrator(), id));
    }

    /**
     * Connects a disconnected number again with its history: {@code {}} for a sandbox number, {@code {accessToken}}
     * for any other.
     */
    @POST
    @Path("{id: [0-9]+}/reconnect")
    public ChannelView reconnect(@PathParam("id") long id, JsonObject body) {
        Optional<String> token = Optional.ofNullable(body).map(b -> b.get("accessToken"))
                .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString());
        Channel reconnected = channels.reconnect(callers.administrator(), id, token);
        templateSync.syncSoon();
        return ChannelView.of(reconnected);
    }

    /** Asks Meta whether the token still works; answers the channel with its status. */
    @POST
    @Path("{id: [0-9]+}/check")
    public ChannelView check(@PathParam("id") long id) {
        return ChannelView.of(channels.check(callers.administrator(), id));
    }

    private static ChannelMode mode(JsonObject body) {
        String mode = JsonFields.text(body, "mode")
                .orElseThrow(() -> Refusal.invalid("mode", RefusalText.REQUIRED_ONE_OF, "mode", ChannelMode.choices()));
        try {
            return ChannelMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw Refusal.invalid("mode", RefusalText.MUST_BE_ONE_OF, "mode", ChannelMode.choices());
        }
    }
}
