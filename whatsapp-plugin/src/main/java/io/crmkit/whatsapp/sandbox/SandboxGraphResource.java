package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.domain.UploadedFileName;
import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import io.crmkit.whatsapp.infrastructure.graph.GraphSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    private static final java.util.Set<String> MEDIA_TYPES = java.util.Set.of("image", "document", "audio", "video", "sticker");
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
    SandboxTemplates templates;
    @Inject
    SandboxUploads uploads;
    @Inject
    SandboxMedia media;
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "whatsapp.sandbox.template-review-seconds", defaultValue = "15")
    long reviewSeconds;
    @Inject
    SandboxTimers timers;
    @Inject
    SandboxWebhooks webhooks;
    @Context
    UriInfo uri;
    @Context
    jakarta.servlet.http.HttpServletResponse servletResponse;

    /** Records the request, applies an injected fault if one matches, else answers. */
    private Response answer(String method, Supplier<Response> normal) {
        String path = uri.getPath();
        state.recordRequest(method, path);
        Optional<SandboxFaults.Fault> fault = faults.take(method, path);
        if (fault.isPresent()) {
            SandboxFaults.Fault f = fault.get();
            try {
                if (f.delayMs > 0) {
                    Thread.sleep(f.delayMs);
                }
                if (f.hold) {
                    f.holdUntilReleased();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (f.drop) {
                return droppedMidAnswer();
            }
            if (f.errorCode != 0 || f.status >= 400) {
                return f.errorCode != 0 ? MetaErrorBodies.error(f.status, f.errorCode, null)
                        : Response.status(f.status).build();
            }
        }
        return normal.get();
    }

    /**
     * Promises a body it never finishes and closes the connection: the client sees the answer break off, as
     * when a connection drops while Meta is answering.
     */
    private Response droppedMidAnswer() {
        try {
            servletResponse.setStatus(200);
            servletResponse.setContentType(MediaType.APPLICATION_JSON);
            servletResponse.setHeader("Connection", "close");
            servletResponse.setContentLength(4096);
            servletResponse.getOutputStream().write("{\"messaging_pro".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            servletResponse.flushBuffer();
            servletResponse.getOutputStream().close();
        } catch (java.io.IOException alreadyGone) {
            // the connection is gone either way
        }
        return null;
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    private static Response ok(JsonObject body) {
        return Response.ok(body.toString()).build();
    }

    private static Response success() {
        return ok(Jsonp.createObjectBuilder().add("success", true).build());
    }

    @GET
    @Path("oauth/access_token")
    public Response accessToken(@QueryParam("client_id") String appId, @QueryParam("client_secret") String appSecret,
                                @QueryParam("code") String code) {
        return answer("GET", () -> {
            if (!graph.appId().equals(appId) || !sameSecret(secrets.appSecret(), appSecret)) {
                return MetaErrorBodies.error(400, 101, "Error validating client secret.");
            }
            return state.redeemCode(code)
                    .map(token -> ok(Jsonp.createObjectBuilder().add("access_token", token).add("token_type", "bearer").build()))
                    .orElseGet(() -> MetaErrorBodies.error(400, 100, "This authorization code has expired or been used."));
        });
    }

    @GET
    @Path("debug_token")
    public Response debugToken(@QueryParam("input_token") String token, @HeaderParam("Authorization") String authorization) {
        return answer("GET", () -> {
            if (!sameSecret(graph.appId() + "|" + secrets.appSecret(), bearer(authorization))) {
                return MetaErrorBodies.invalidToken();
            }
            JsonArrayBuilder targets = Jsonp.createArrayBuilder();
            state.accountsOf(token).forEach(targets::add);
            var ids = targets.build();
            return ok(Jsonp.createObjectBuilder().add("data", Jsonp.createObjectBuilder()
                    .add("app_id", graph.appId()).add("type", "SYSTEM_USER")
                    .add("is_valid", state.knowsToken(token))
                    .add("scopes", Jsonp.createArrayBuilder().add("whatsapp_business_management").add("whatsapp_business_messaging"))
                    .add("granular_scopes", Jsonp.createArrayBuilder()
                            .add(Jsonp.createObjectBuilder().add("scope", "whatsapp_business_management").add("target_ids", ids))
                            .add(Jsonp.createObjectBuilder().add("scope", "whatsapp_business_messaging").add("target_ids", ids))))
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
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            state.numbersOf(wabaId).forEach(n -> data.add(number(n)));
            return ok(Jsonp.createObjectBuilder().add("data", data).build());
        });
    }

    /** A phone number, or a medium with a fresh download URL (both are objects read by id). */
    @GET
    @Path("{id}")
    public Response object(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        return answer("GET", () -> {
            Optional<SandboxState.Number> number = state.number(id);
            if (number.isPresent()) {
                return state.tokenMayManage(bearer(authorization), number.get().wabaId()) ? ok(number(number.get()))
                        : MetaErrorBodies.invalidToken();
            }
            return media.find(id).map(medium -> {
                if (!state.tokenMayManage(bearer(authorization), medium.wabaId())) {
                    return MetaErrorBodies.invalidToken();
                }
                String url = uri.getBaseUri().resolve("media/" + media.issueDownloadKey(medium.id())).toString();
                return ok(Jsonp.createObjectBuilder().add("messaging_product", "whatsapp").add("url", url)
                        .add("mime_type", medium.mimeType()).add("sha256", medium.sha256())
                        .add("file_size", medium.bytes().length).add("id", medium.id()).build());
            }).orElseGet(() -> MetaErrorBodies.unknownObject(id));
        });
    }

    /** Uploads a file for sending: multipart {@code messaging_product}, {@code type}, {@code file}; kept by id. */
    @POST
    @Path("{number}/media")
    @jakarta.ws.rs.Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("number") String numberId, @HeaderParam("Authorization") String authorization,
                           java.util.List<jakarta.ws.rs.core.EntityPart> parts) {
        return answer("POST", () -> state.number(numberId).map(number -> {
            if (!state.tokenMayManage(bearer(authorization), number.wabaId())) {
                return MetaErrorBodies.invalidToken();
            }
            Optional<jakarta.ws.rs.core.EntityPart> file = parts.stream().filter(p -> "file".equals(p.getName())).findFirst();
            String type = parts.stream().filter(p -> "type".equals(p.getName())).findFirst().map(SandboxGraphResource::text)
                    .orElse(file.map(f -> f.getMediaType().toString()).orElse(""));
            if (file.isEmpty() || type.isBlank()) {
                return MetaErrorBodies.error(400, 100, "(#100) Param file and type are required");
            }
            byte[] bytes;
            try (java.io.InputStream content = file.get().getContent()) {
                bytes = content.readAllBytes();
            } catch (java.io.IOException unreadable) {
                return MetaErrorBodies.error(400, 131053, "Media upload error");
            }
            SandboxMedia.Medium stored = media.store(state.newId(), number.wabaId(), type, bytes,
                    file.get().getFileName().map(UploadedFileName::of).orElse(null));
            return ok(Jsonp.createObjectBuilder().add("id", stored.id()).build());
        }).orElseGet(() -> MetaErrorBodies.unknownObject(numberId)));
    }

    private static String text(jakarta.ws.rs.core.EntityPart part) {
        try {
            return part.getContent(String.class);
        } catch (java.io.IOException unreadable) {
            return "";
        }
    }

    /**
     * Submits a template for review: {@code {name, language, category, parameter_format?, components}} with Meta's
     * format checks → {@code {id, status: PENDING, category}}; the review's outcome arrives as a
     * {@code message_template_status_update} webhook after the configured delay.
     */
    @POST
    @Path("{waba}/message_templates")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response createTemplate(@PathParam("waba") String wabaId, @HeaderParam("Authorization") String authorization,
                                   JsonObject body) {
        return answer("POST", () -> {
            if (!state.tokenMayManage(bearer(authorization), wabaId)) {
                return MetaErrorBodies.invalidToken();
            }
            SandboxTemplates.Template created;
            try {
                created = templates.create(state.newId(), wabaId, body);
            } catch (SandboxTemplates.InvalidTemplate invalid) {
                return MetaErrorBodies.error(400, 100, invalid.getMessage());
            }
            reviewLater(created.id());
            return ok(Jsonp.createObjectBuilder().add("id", created.id()).add("status", "PENDING")
                    .add("category", created.category()).build());
        });
    }

    /**
     * A POST to an object by its id: an upload session's bytes ({@code upload:<id>}, the second step of the
     * resumable upload, answered with the file's handle {@code h}), or a template's edit
     * ({@code {category?, parameter_format?, components}}), reviewed again.
     */
    @POST
    @Path("{object}")
    @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
    public Response postToObject(@PathParam("object") String objectId, @HeaderParam("Authorization") String authorization,
                                 byte[] body) {
        if (objectId.startsWith("upload:")) {
            return answer("POST", () -> uploads.finish(objectId, authorization, body)
                    .map(handle -> ok(Jsonp.createObjectBuilder().add("h", handle).build()))
                    .orElseGet(() -> MetaErrorBodies.error(400, 100, "Invalid upload session or authorization")));
        }
        return answer("POST", () -> {
            Optional<SandboxTemplates.Template> known = templates.find(objectId);
            if (known.isEmpty()) {
                return MetaErrorBodies.unknownObject(objectId);
            }
            if (!state.tokenMayManage(bearer(authorization), known.get().wabaId())) {
                return MetaErrorBodies.invalidToken();
            }
            try {
                templates.edit(objectId, Jsonp.createReader(new java.io.ByteArrayInputStream(body)).readObject());
            } catch (SandboxTemplates.InvalidTemplate invalid) {
                return MetaErrorBodies.error(400, 100, invalid.getMessage());
            } catch (jakarta.json.JsonException notJson) {
                return MetaErrorBodies.error(400, 100, "Invalid parameter: the body is not JSON");
            }
            reviewLater(objectId);
            return success();
        });
    }

    /** The first step of Meta's resumable upload: a session for a file of the app, to which its bytes are posted. */
    @POST
    @Path("{app}/uploads")
    public Response startUpload(@PathParam("app") String appId, @HeaderParam("Authorization") String authorization,
                                @QueryParam("file_name") String fileName, @QueryParam("file_length") Long fileLength,
                                @QueryParam("file_type") String fileType) {
        return answer("POST", () -> {
            if (!state.knowsToken(bearer(authorization))) {
                return MetaErrorBodies.invalidToken();
            }
            if (fileLength == null || fileLength <= 0 || fileType == null || fileType.isBlank()) {
                return MetaErrorBodies.error(400, 100, "Invalid parameter: file_length and file_type are required");
            }
            return ok(Jsonp.createObjectBuilder().add("id", uploads.start(bearer(authorization), fileName, fileLength, fileType))
                    .build());
        });
    }

    private static JsonObject number(SandboxState.Number n) {
        return Jsonp.createObjectBuilder().add("id", n.id()).add("display_phone_number", n.displayPhoneNumber())
                .add("verified_name", n.verifiedName()).add("quality_rating", "GREEN")
                .add("platform_type", n.registered() ? "CLOUD_API" : "NOT_APPLICABLE").build();
    }

    private void reviewLater(String templateId) {
        timers.after(java.time.Duration.ofSeconds(reviewSeconds), () -> webhooks.templateReviewed(templates.review(templateId)));
    }

    /** The account's templates, {@code limit} at a time, with Meta's {@code paging.cursors.after}. */
    @GET
    @Path("{waba}/message_templates")
    public Response listTemplates(@PathParam("waba") String wabaId, @HeaderParam("Authorization") String authorization,
                                  @QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return answer("GET", () -> {
            if (!state.tokenMayManage(bearer(authorization), wabaId)) {
                return MetaErrorBodies.invalidToken();
            }
            int size = limit == null ? 25 : Math.max(1, Math.min(limit, 100));
            var all = templates.of(wabaId).stream().filter(t -> after == null || t.id().compareTo(after) > 0).toList();
            var page = all.subList(0, Math.min(size, all.size()));
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            page.forEach(t -> data.add(Jsonp.createObjectBuilder().add("id", t.id()).add("name", t.name())
                    .add("language", t.language()).add("category", t.category()).add("status", t.status())
                    .add("rejected_reason", t.rejectedReason()).add("components", t.components())));
            var paging = Jsonp.createObjectBuilder();
            if (!page.isEmpty()) {
                paging.add("cursors", Jsonp.createObjectBuilder().add("before", page.get(0).id())
                        .add("after", page.get(page.size() - 1).id()));
            }
            if (all.size() > page.size()) {
                paging.add("next", uri.getRequestUriBuilder().replaceQueryParam("after", page.get(page.size() - 1).id())
                        .build().toString());
            }
            return ok(Jsonp.createObjectBuilder().add("data", data).add("paging", paging).build());
        });
    }

    @DELETE
    @Path("{waba}/message_templates")
    public Response deleteTemplate(@PathParam("waba") String wabaId, @HeaderParam("Authorization") String authorization,
                                   @QueryParam("name") String name, @QueryParam("hsm_id") String hsmId) {
        return answer("DELETE", () -> {
            if (!state.tokenMayManage(bearer(authorization), wabaId)) {
                return MetaErrorBodies.invalidToken();
            }
            return templates.delete(wabaId, name, hsmId) > 0 ? success()
                    : MetaErrorBodies.error(400, 100, "Message template \"" + name + "\" does not exist");
        });
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
                conversations.recordReadReceipt(body.getString("message_id", ""));
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
            if (MEDIA_TYPES.contains(type)) {
                JsonObject object = body.getJsonObject(type);
                boolean known = object != null && media.find(object.getString("id", ""))
                        .filter(medium -> medium.wabaId().equals(number.wabaId())).isPresent();
                if (!known) {
                    return MetaErrorBodies.error(400, 100, "(#100) Invalid parameter: " + type + ".id is not a media id of this account");
                }
            }
            if ("template".equals(type)) {
                JsonObject template = body.getJsonObject("template");
                Optional<Integer> refused = template == null ? Optional.of(132001)
                        : templates.refusalOfSend(number.wabaId(), template);
                if (refused.isPresent()) {
                    return MetaErrorBodies.templateError(refused.get());
                }
            }
            String wamid = "wamid.SBX" + java.util.UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now();
            conversations.record(new SandboxConversations.Sent(wamid, numberId, to, type, body, now));
            boolean windowOpen = conversations.windowOpen(numberId, to, now);
            boolean deliverable = "template".equals(type) || windowOpen;
            String category = "template".equals(type) ? templates.categoryOfSend(number.wabaId(), body.getJsonObject("template"))
                    .orElse("utility") : "service";
            webhooks.statusesLater(number, wamid, to, body.getString("biz_opaque_callback_data", null), deliverable,
                    SandboxWebhooks.pricing(category, windowOpen));
            return ok(Jsonp.createObjectBuilder().add("messaging_product", "whatsapp")
                    .add("contacts", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder()
                            .add("input", body.getString("to", "")).add("wa_id", to)))
                    .add("messages", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder().add("id", wamid)))
                    .build());
        }).orElseGet(() -> MetaErrorBodies.unknownObject(numberId)));
    }

    /** Secrets compared in constant time, so that the time of a refusal tells nothing about the secret. */
    private static boolean sameSecret(String expected, String presented) {
        return presented != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
