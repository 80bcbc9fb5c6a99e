package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import io.crmkit.whatsapp.infrastructure.graph.GraphSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Graph API paths the plugin uses, under {@code /sandbox/graph/{version}}, with Meta's bodies, status
 * codes and errors: Bearer tokens checked per account (190 otherwise), unknown ids refused with code 100.
 */
@Path("graph/{version}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SandboxGraphResource {
    @Inject
    SandboxState state;
    @Inject
    SandboxFaults faults;
    @Inject
    InstallationSecrets secrets;
    @Inject
    GraphSettings graph;
    @Inject
    SandboxConversations conversations;
    @Inject
    SandboxWebhooks webhooks;
    @Context
    UriInfo uri;

    /** Records the request, applies an injected fault if one matches, else answers. */
    private Response answer(String method, Supplier<Response> normal) {
        String path = uri.getPath();
        state.recordRequest(method, path);
        Optional<SandboxFaults.Fault> fault = faults.take(path);
        if (fault.isPresent()) {
            SandboxFaults.Fault f = fault.get();
            if (f.delayMs > 0) {
                try {
                    Thread.sleep(f.delayMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (f.errorCode != 0 || f.status >= 400) {
                return f.errorCode != 0 ? MetaErrorBodies.error(f.status, f.errorCode, null)
                        : Response.status(f.status).build();
            }
        }
        return normal.get();
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    private static Response ok(JsonObject body) {
        return Response.ok(body.toString()).build();
    }

    private static Response success() {
        return ok(Json.createObjectBuilder().add("success", true).build());
    }

    @GET
    @Path("oauth/access_token")
    public Response accessToken(@QueryParam("client_id") String appId, @QueryParam("client_secret") String appSecret,
                                @QueryParam("code") String code) {
        return answer("GET", () -> {
            if (!graph.appId().equals(appId) || !secrets.appSecret().equals(appSecret)) {
                return MetaErrorBodies.error(400, 101, "Error validating client secret.");
            }
            return state.redeemCode(code)
                    .map(token -> ok(Json.createObjectBuilder().add("access_token", token).add("token_type", "bearer").build()))
                    .orElseGet(() -> MetaErrorBodies.error(400, 100, "This authorization code has expired or been used."));
        });
    }

    @GET
    @Path("debug_token")
    public Response debugToken(@QueryParam("input_token") String token, @HeaderParam("Authorization") String authorization) {
        return answer("GET", () -> {
            if (!(graph.appId() + "|" + secrets.appSecret()).equals(bearer(authorization))) {
                return MetaErrorBodies.invalidToken();
            }
            JsonArrayBuilder targets = Json.createArrayBuilder();
            state.accountsOf(token).forEach(targets::add);
            var ids = targets.build();
            return ok(Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                    .add("app_id", graph.appId()).add("type", "SYSTEM_USER")
                    .add("is_valid", state.knowsToken(token))
                    .add("scopes", Json.createArrayBuilder().add("whatsapp_business_management").add("whatsapp_business_messaging"))
                    .add("granular_scopes", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("scope", "whatsapp_business_management").add("target_ids", ids))
                            .add(Json.createObjectBuilder().add("scope", "whatsapp_business_messaging").add("target_ids", ids))))
                    .build());
        });
    }

    @GET
    @Path("{waba}/phone_numbers")
    public Response phoneNumbers(@PathParam("waba") String wabaId, @HeaderParam("Authorization") String authorization) {
        return answer("GET", () -> {
            if (!state.tokenMayManage(bearer(authorization), wabaId)) {
                return MetaErrorBodies.invalidToken();
            }
            JsonArrayBuilder data = Json.createArrayBuilder();
            state.numbersOf(wabaId).forEach(n -> data.add(number(n)));
            return ok(Json.createObjectBuilder().add("data", data).build());
        });
    }

    @GET
    @Path("{number}")
    public Response phoneNumber(@PathParam("number") String numberId, @HeaderParam("Authorization") String authorization) {
        return answer("GET", () -> state.number(numberId)
                .map(n -> state.tokenMayManage(bearer(authorization), n.wabaId()) ? ok(number(n)) : MetaErrorBodies.invalidToken())
                .orElseGet(() -> MetaErrorBodies.unknownObject(numberId)));
    }

    private static JsonObject number(SandboxState.Number n) {
        return Json.createObjectBuilder().add("id", n.id()).add("display_phone_number", n.displayPhoneNumber())
                .add("verified_name", n.verifiedName()).add("quality_rating", "GREEN")
                .add("platform_type", n.registered() ? "CLOUD_API" : "NOT_APPLICABLE").build();
    }

    @POST
    @Path("{waba}/subscribed_apps")
    public Response subscribe(@PathParam("waba") String wabaId, @HeaderParam("Authorization") String authorization) {
        return answer("POST", () -> {
            if (!state.tokenMayManage(bearer(authorization), wabaId)) {
                return MetaErrorBodies.invalidToken();
            }
            state.subscribe(wabaId);
            return success();
        });
    }

    @DELETE
    @Path("{waba}/subscribed_apps")
    public Response unsubscribe(@PathParam("waba") String wabaId, @HeaderParam("Authorization") String authorization) {
        return answer("DELETE", () -> {
            if (!state.tokenMayManage(bearer(authorization), wabaId)) {
                return MetaErrorBodies.invalidToken();
            }
            state.unsubscribe(wabaId);
            return success();
        });
    }

    @POST
    @Path("{number}/register")
    public Response register(@PathParam("number") String numberId, @HeaderParam("Authorization") String authorization,
                             String body) {
        return answer("POST", () -> state.number(numberId).map(n -> {
            if (!state.tokenMayManage(bearer(authorization), n.wabaId())) {
                return MetaErrorBodies.invalidToken();
            }
            state.register(numberId);
            return success();
        }).orElseGet(() -> MetaErrorBodies.unknownObject(numberId)));
    }

    /**
     * Sends a message, or marks one read. Accepted messages answer 200 with a wamid; delivery follows as status
     * webhooks: {@code sent} and {@code delivered} inside the 24-hour window (or for a template), else a
     * {@code failed} status with 131047, as Meta does. Over the number's throughput: 400 with 130429.
     */
    @POST
    @Path("{number}/messages")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("number") String numberId, @HeaderParam("Authorization") String authorization,
                         JsonObject body) {
        return answer("POST", () -> state.number(numberId).map(number -> {
            if (!state.tokenMayManage(bearer(authorization), number.wabaId())) {
                return MetaErrorBodies.invalidToken();
            }
            if ("read".equals(body.getString("status", null))) {
                return success();
            }
            String to = body.getString("to", "").replaceAll("[^0-9]", "");
            String type = body.getString("type", "text");
            if (to.isEmpty() || !"whatsapp".equals(body.getString("messaging_product", null))) {
                return MetaErrorBodies.error(400, 100, "(#100) Invalid parameter: messaging_product and to are required");
            }
            if (!conversations.tryAcquireThroughput(numberId)) {
                return MetaErrorBodies.error(400, 130429, null);
            }
            String wamid = "wamid.SBX" + java.util.UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now();
            conversations.record(new SandboxConversations.Sent(wamid, numberId, to, type, body, now));
            boolean deliverable = "template".equals(type) || conversations.windowOpen(numberId, to, now);
            webhooks.statusesLater(number, wamid, to, body.getString("biz_opaque_callback_data", null), deliverable);
            return ok(Json.createObjectBuilder().add("messaging_product", "whatsapp")
                    .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("input", body.getString("to", "")).add("wa_id", to)))
                    .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", wamid)))
                    .build());
        }).orElseGet(() -> MetaErrorBodies.unknownObject(numberId)));
    }
}
