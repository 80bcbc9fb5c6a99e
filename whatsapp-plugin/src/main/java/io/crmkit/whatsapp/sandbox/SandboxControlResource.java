package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.infrastructure.web.ContentDisposition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * Controls the sandbox: test numbers, the browser half of Embedded Signup, a customer to play, and fault
 * injection for tests ({@code /sandbox/api}). Who may do what: {@link SandboxAccess}.
 */
@Path("api")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SandboxControlResource {
    @Inject
    SandboxState state;
    @Inject
    SandboxFaults faults;
    @Inject
    SandboxWebhooks webhooks;
    @Inject
    SandboxConversations conversations;
    @Inject
    SandboxMedia media;
    @Inject
    SandboxAccess access;
    @Inject
    SandboxTemplates templates;
    @Inject
    io.crmkit.whatsapp.infrastructure.PublicAddress publicAddress;

    /** A registered test number with a token: what a sandbox connect uses. */
    @POST
    @Path("test-numbers")
    public JsonObject testNumber(@HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        SandboxState.Number number = state.createAccount(true);
        return Jsonp.createObjectBuilder().add("wabaId", number.wabaId()).add("phoneNumberId", number.id())
                .add("displayPhoneNumber", number.displayPhoneNumber())
                .add("accessToken", state.grantToken(number.wabaId())).build();
    }

    /**
     * A new token for a test number's account, as a system user's new token would be: how a sandbox number that was
     * disconnected is connected again with its history. 404 for an account the sandbox does not know.
     */
    @POST
    @Path("accounts/{waba}/tokens")
    public JsonObject newToken(@HeaderParam(SandboxAccess.KEY_HEADER) String key, @PathParam("waba") String wabaId) {
        access.installation(key);
        SandboxState.Number number = state.numbersOf(wabaId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no sandbox account " + wabaId));
        return Jsonp.createObjectBuilder().add("wabaId", wabaId).add("phoneNumberId", number.id())
                .add("displayPhoneNumber", number.displayPhoneNumber())
                .add("accessToken", state.grantToken(wabaId)).build();
    }

    /**
     * What Facebook's JS SDK hands the browser at the end of Embedded Signup: a code valid for 30 seconds
     * and, from the {@code WA_EMBEDDED_SIGNUP} message event, the chosen account and a new, unregistered number.
     */
    @POST
    @Path("embedded-signup")
    public JsonObject embeddedSignup(@HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        SandboxState.Number number = state.createAccount(false);
        String code = "sbx-code-" + SandboxState.newToken().substring(4, 20);
        state.issueCode(code, state.grantToken(number.wabaId()));
        return Jsonp.createObjectBuilder().add("code", code).add("wabaId", number.wabaId())
                .add("phoneNumberId", number.id()).build();
    }

    /** Revokes every token of an account: the next call with them fails with 190. */
    @POST
    @Path("accounts/{waba}/revoke")
    public Response revoke(@PathParam("waba") String wabaId, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        state.revokeAccount(wabaId);
        return Response.noContent().build();
    }

    /**
     * {@code {callbackUrl}}: the account's webhooks go to this receiver from now on, as when an app's callback
     * URL is changed in Meta's dashboard; for example a second server under test. Only this installation's own
     * webhook, or a server on this machine (loopback): the sandbox never becomes a way into other hosts.
     */
    @PUT
    @Path("accounts/{waba}/callback-url")
    public Response redirectWebhooks(@PathParam("waba") String wabaId, JsonObject request, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        Optional<java.net.URI> url = CallbackUrls.allowed(request.getString("callbackUrl", ""),
                publicAddress.of("/webhooks/whatsapp"));
        if (url.isEmpty()) {
            return Response.status(400).entity(Jsonp.createObjectBuilder().add("error", "callbackUrl must be this"
                    + " installation's webhook or an http(s) address on this machine (localhost, 127.0.0.1, [::1])")
                    .build()).build();
        }
        webhooks.redirect(wabaId, url.get());
        return Response.noContent().build();
    }

    @GET
    @Path("accounts/{waba}")
    public JsonObject account(@PathParam("waba") String wabaId, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        return Jsonp.createObjectBuilder().add("wabaId", wabaId).add("subscribed", state.isSubscribed(wabaId))
                .add("registered", state.numbersOf(wabaId).stream().allMatch(SandboxState.Number::registered)).build();
    }

    /**
     * Plays the customer {@code waId} writing to a number: one message ({@code {phoneNumberId, name, type,
     * text | image | ...}}) or several in one batch ({@code {phoneNumberId, name, messages: [...]}}); the
     * sandbox delivers a signed webhook to the plugin and answers with the message ids and the plugin's answer.
     */
    @POST
    @Path("customers/{waId}/messages")
    public Response customerWrites(@PathParam("waId") String customerNumber, JsonObject request, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        SandboxAccess.Caller caller = access.caller(key);
        String waId = waIdOf(customerNumber);
        if (waId.isEmpty()) {
            return Response.status(400).entity(Jsonp.createObjectBuilder()
                    .add("error", "write the customer's number with its country code, for example +81 90 1234 5678")
                    .build()).build();
        }
        String phoneNumberId = request.getString("phoneNumberId", "");
        access.requireNumber(caller, phoneNumberId);
        if (state.number(phoneNumberId).isEmpty()) {
            return Response.status(404).entity(Jsonp.createObjectBuilder()
                    .add("error", "no sandbox number " + phoneNumberId).build()).build();
        }
        List<JsonObject> messages = request.containsKey("messages")
                ? request.getJsonArray("messages").stream().map(JsonValue::asJsonObject).toList()
                : List.of(request);
        SandboxWebhooks.Delivery delivery;
        try {
            delivery = webhooks.customerMessages(state.number(phoneNumberId).get(), waId,
                    request.getString("name", "Sandbox Customer"), messages);
        } catch (IllegalArgumentException unplayable) {
            return Response.status(400).entity(Jsonp.createObjectBuilder().add("error", unplayable.getMessage()).build()).build();
        }
        var ids = Jsonp.createArrayBuilder();
        delivery.wamids().forEach(ids::add);
        return Response.ok(Jsonp.createObjectBuilder().add("wamids", ids).add("webhookStatus", delivery.status()).build())
                .build();
    }

    /** The account's templates as Meta's review left them: {@code [{id, name, language, category, status, reason}]}. */
    @GET
    @Path("accounts/{waba}/templates")
    public JsonArray templates(@PathParam("waba") String wabaId, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        requireAccount(access.caller(key), wabaId);
        var list = Jsonp.createArrayBuilder();
        templates.of(wabaId).forEach(t -> list.add(Jsonp.createObjectBuilder().add("id", t.id()).add("name", t.name())
                .add("language", t.language()).add("category", t.category()).add("status", t.status())
                .add("reason", t.rejectedReason())));
        return list.build();
    }

    /**
     * A template made in Meta's own screens, not through the plugin: {@code {name, language, category, components,
     * parameter_format?, status?}} (status APPROVED unless given). No webhook: the plugin learns of it by syncing.
     */
    @POST
    @Path("accounts/{waba}/templates")
    public Response seedTemplate(@PathParam("waba") String wabaId, JsonObject request,
                                 @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        requireAccount(access.caller(key), wabaId);
        try {
            SandboxTemplates.Template created = templates.create(state.newId(), wabaId, request);
            templates.decide(created.id(), request.getString("status", "APPROVED"), request.getString("reason", null));
            return Response.ok(Jsonp.createObjectBuilder().add("id", created.id()).build()).build();
        } catch (SandboxTemplates.InvalidTemplate invalid) {
            return Response.status(400).entity(Jsonp.createObjectBuilder().add("error", invalid.getMessage()).build()).build();
        }
    }

    /**
     * Decides a template's review as Meta's reviewers would, and sends the status webhook: {@code {status, reason?}}
     * with APPROVED, REJECTED (reason: SCAM, PROMOTIONAL, INCORRECT_CATEGORY, TAG_CONTENT_MISMATCH, ABUSIVE_CONTENT,
     * INVALID_FORMAT), PAUSED, DISABLED, FLAGGED or REINSTATED.
     */
    @POST
    @Path("templates/{id}/review")
    public Response decideReview(@PathParam("id") String templateId, JsonObject decision,
                                 @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        return templateChange(key, templateId, template -> templates.decide(templateId,
                decision.getString("status", "APPROVED").toUpperCase(java.util.Locale.ROOT),
                decision.getString("reason", null)).ifPresent(webhooks::templateReviewed));
    }

    /** Moves a template to another category, as Meta may: {@code {category}}, and sends the category webhook. */
    @POST
    @Path("templates/{id}/category")
    public Response recategorise(@PathParam("id") String templateId, JsonObject change,
                                 @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        return templateChange(key, templateId, template -> templates.recategorise(templateId, change.getString("category", ""))
                .ifPresent(changed -> webhooks.templateRecategorised(changed, template.category())));
    }

    /** Rates a template's quality: {@code {score}} GREEN, YELLOW, RED or UNKNOWN, and sends the quality webhook. */
    @POST
    @Path("templates/{id}/quality")
    public Response rate(@PathParam("id") String templateId, JsonObject rating, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        return templateChange(key, templateId, template -> webhooks.templateRated(template, rating.getString("score", "UNKNOWN")));
    }

    /** A decision of Meta's about a template: the installation's or an administrator's with a number of its account. */
    private Response templateChange(String key, String templateId, java.util.function.Consumer<SandboxTemplates.Template> change) {
        SandboxAccess.Caller caller = access.administrator(key);
        Optional<SandboxTemplates.Template> template = templates.find(templateId);
        if (template.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        requireAccount(caller, template.get().wabaId());
        try {
            change.accept(template.get());
        } catch (SandboxTemplates.InvalidTemplate invalid) {
            return Response.status(400).entity(Jsonp.createObjectBuilder().add("error", invalid.getMessage()).build()).build();
        }
        return Response.noContent().build();
    }

    /** Only the installation, or a user of the organisation with a number of the account, steers its templates. */
    private void requireAccount(SandboxAccess.Caller caller, String wabaId) {
        if (state.numbersOf(wabaId).stream().noneMatch(number -> access.reaches(caller, number.id()))) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }

    /** {@code {path, method?, status, errorCode, delayMs, count, drop, rate, hold}}: see {@link SandboxFaults}. */
    @POST
    @Path("faults")
    public Response addFault(JsonObject fault, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        try {
            faults.add(SandboxFaults.Fault.bounded(fault.getString("method", ""), fault.getString("path", ""),
                    fault.getInt("status", 500), fault.getInt("errorCode", 0), fault.getJsonNumber("delayMs") == null ? 0
                            : fault.getJsonNumber("delayMs").longValue(),
                    fault.getInt("count", 1), fault.getBoolean("drop", false),
                    fault.getJsonNumber("rate") == null ? 1.0 : fault.getJsonNumber("rate").doubleValue(),
                    fault.getBoolean("hold", false)));
        } catch (IllegalArgumentException | ClassCastException outOfBounds) {
            return Response.status(400).entity(Jsonp.createObjectBuilder().add("error", String.valueOf(outOfBounds.getMessage()))
                    .build()).build();
        }
        return Response.noContent().build();
    }

    /**
     * The faults added since they were last cleared, each with how many requests it {@code struck} and how many it is
     * {@code holding} now.
     */
    @GET
    @Path("faults")
    public JsonArray faults(@HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        var all = Jsonp.createArrayBuilder();
        faults.all().forEach(fault -> all.add(Jsonp.createObjectBuilder().add("method", fault.method).add("path", fault.path)
                .add("status", fault.status).add("errorCode", fault.errorCode).add("delayMs", fault.delayMs)
                .add("drop", fault.drop).add("rate", fault.rate).add("count", fault.count).add("struck", fault.struck())
                .add("hold", fault.hold).add("holding", fault.holding())));
        return all.build();
    }

    /** Removes the faults; the requests they hold go on to their answers, as when Meta's slow answer finally comes. */
    @DELETE
    @Path("faults")
    public Response clearFaults(@HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        faults.clear();
        return Response.noContent().build();
    }

    /** {@code {messagesPerSecond}}: the number's throughput from now on, as after Meta's upgrade of a number. */
    @PUT
    @Path("numbers/{phoneNumberId}/throughput")
    public Response setThroughput(@PathParam("phoneNumberId") String phoneNumberId, JsonObject request,
                                  @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        if (state.allNumbers().stream().noneMatch(number -> number.id().equals(phoneNumberId))) {
            return Response.status(404).entity(Jsonp.createObjectBuilder().add("error", "no such number").build()).build();
        }
        try {
            conversations.setThroughput(phoneNumberId, request.getInt("messagesPerSecond", 0));
        } catch (IllegalArgumentException | ClassCastException outOfBounds) {
            return Response.status(400).entity(Jsonp.createObjectBuilder().add("error", String.valueOf(outOfBounds.getMessage()))
                    .build()).build();
        }
        return Response.noContent().build();
    }

    /** How many requests of a method reached paths containing a fragment. */
    @GET
    @Path("requests")
    public JsonObject requests(@QueryParam("method") String method, @QueryParam("path") String path, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        return Jsonp.createObjectBuilder().add("count", state.countReceived(method == null ? "GET" : method,
                path == null ? "" : path)).build();
    }

    /** Lets a medium's download URLs expire now, as if five minutes had passed. */
    @POST
    @Path("media/{id}/expire-urls")
    public Response expireMediaUrls(@PathParam("id") String mediaId, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        media.expireUrls(mediaId);
        return Response.noContent().build();
    }

    /**
     * What the plugin sent from the caller's numbers, in the order the sandbox accepted it; optionally only from
     * one number to one customer.
     */
    @GET
    @Path("sent")
    public JsonArray sent(@QueryParam("phoneNumberId") String phoneNumberId, @QueryParam("to") String to, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        SandboxAccess.Caller caller = access.caller(key);
        java.util.Map<String, Boolean> reached = new java.util.HashMap<>();
        var sent = Jsonp.createArrayBuilder();
        conversations.sent().stream()
                .filter(m -> reached.computeIfAbsent(m.phoneNumberId(), id -> access.reaches(caller, id)))
                .filter(m -> phoneNumberId == null || m.phoneNumberId().equals(phoneNumberId))
                .filter(m -> to == null || m.to().equals(waIdOf(to))).forEach(m -> {
            var message = Jsonp.createObjectBuilder().add("wamid", m.wamid()).add("phoneNumberId", m.phoneNumberId())
                    .add("to", m.to()).add("type", m.type()).add("body", m.body()).add("at", m.at().toString());
            attachedMedium(m).ifPresent(medium -> message.add("media", Jsonp.createObjectBuilder().add("id", medium.id())
                    .add("mimeType", medium.mimeType()).add("sha256", medium.sha256()).add("size", medium.bytes().length)
                    .add("fileName", medium.fileName() == null ? "" : medium.fileName())));
            sent.add(message);
        });
        return sent.build();
    }

    /** A number as people write it ({@code +44 7700 900999}) as WhatsApp's id of it: its digits. */
    private static String waIdOf(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    /** The uploaded file a sent message carries, so tests can compare it with what the user attached. */
    private java.util.Optional<SandboxMedia.Medium> attachedMedium(SandboxConversations.Sent message) {
        JsonValue object = message.body().get(message.type());
        return object instanceof JsonObject typed && typed.containsKey("id") ? media.find(typed.getString("id", ""))
                : java.util.Optional.empty();
    }

    /** A file the business sent, as the customer's phone would download it. */
    @GET
    @Path("media/{id}/content")
    @Produces(MediaType.WILDCARD)
    public Response mediaContent(@PathParam("id") String mediaId, @HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        SandboxAccess.Caller caller = access.caller(key);
        return media.find(mediaId).filter(medium -> state.numbersOf(medium.wabaId()).stream()
                        .anyMatch(number -> access.reaches(caller, number.id()))).map(medium -> Response.ok(medium.bytes(), medium.mimeType())
                        .header("Content-Disposition", ContentDisposition.of(false,
                                medium.fileName() == null ? medium.id() : medium.fileName()))
                        .header("X-Content-Type-Options", "nosniff").build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    /** The messages the plugin marked read. */
    @GET
    @Path("read-receipts")
    public JsonArray readReceipts(@HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        access.installation(key);
        var receipts = Jsonp.createArrayBuilder();
        conversations.readReceipts().forEach(receipts::add);
        return receipts.build();
    }

    /**
     * The sandbox's numbers that the caller's organisation connected, for the customer page; with each, how many of
     * its sends the sandbox refused for the number's throughput (130429) since it started, each refusal counted
     * whether or not the sender sent the message again.
     */
    @GET
    @Path("numbers")
    public JsonArray numbers(@HeaderParam(SandboxAccess.KEY_HEADER) String key) {
        SandboxAccess.Caller caller = access.caller(key);
        var numbers = Jsonp.createArrayBuilder();
        state.allNumbers().stream().filter(n -> access.reaches(caller, n.id())).forEach(n -> numbers.add(Jsonp.createObjectBuilder().add("phoneNumberId", n.id())
                .add("displayPhoneNumber", n.displayPhoneNumber()).add("verifiedName", n.verifiedName())
                .add("throughputRefusals", conversations.throughputRefusals(n.id()))));
        return numbers.build();
    }
}
