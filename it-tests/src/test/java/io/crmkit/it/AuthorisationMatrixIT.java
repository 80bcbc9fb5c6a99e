package io.crmkit.it;

import io.crmkit.crm.interfaces.rest.CrmRestApplication;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Eventually;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.whatsapp.interfaces.webhook.WebhookApplication;
import io.crmkit.whatsapp.sandbox.SandboxApplication;
import io.crmkit.whatsapp.testing.SampleFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the deployed application, as its JAX-RS applications list their resources, answers each
 * kind of caller as designed: anonymous, a user without WhatsApp access,
 * view-only, view-and-reply, an administrator of another organisation, and an administrator. An endpoint
 * without a row here fails the build, so that nobody adds one without deciding who may call it.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorisationMatrixIT {
    @RegisterExtension
    final Seeds seeds = new Seeds();


    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    /** The callers, in the order each row calls them: the administrator last, since some calls change things. */
    enum Role { ANONYMOUS, NO_LEVEL, VIEW_ONLY, VIEW_AND_REPLY, OTHER_ADMINISTRATOR, ADMINISTRATOR }

    /** What the rows act on: records of the first organisation. */
    private record Fixtures(long channel, long spareChannel, String phoneNumberId, long conversation, long inboundMessage,
                            long imageMessage, String imageMediaId, long failedMessage, long contact, long company,
                            long pipelineRecord, long quickReply, long spareQuickReply, long profile, long user,
                            long parkedEvent, long spareParkedEvent, String wabaId, long template, long spareTemplate,
                            String templateMetaId, long unapprovedTemplate, long contactRecord) {
    }

    /** One endpoint: how to call it, and the status each role gets, in {@link Role} order; 0 means "not called". */
    private record Row(BiFunction<ApiClient, Fixtures, Answer> call, int... expected) {
    }

    private static Row row(BiFunction<ApiClient, Fixtures, Answer> call, int... expected) {
        return new Row(call, expected);
    }

    private static JsonObject json(String... pairs) {
        var object = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            object.add(pairs[i], pairs[i + 1]);
        }
        return object.build();
    }

    private static final JsonObject EMPTY = JsonValue.EMPTY_JSON_OBJECT;

    /** Every endpoint, keyed as the WADL names it: method and path template without regular expressions. */
    private static Map<String, Row> matrix() {
        Map<String, Row> rows = new LinkedHashMap<>();
        // The host CRM's API.
        rows.put("GET /api/crm/session", row((c, f) -> c.get("/api/crm/session"), 401, 200, 200, 200, 200, 200));
        rows.put("GET /api/crm/contributions", row((c, f) -> c.get("/api/crm/contributions"), 401, 200, 200, 200, 200, 200));
        rows.put("GET /api/crm/contacts", row((c, f) -> c.get("/api/crm/contacts"), 401, 200, 200, 200, 200, 200));
        rows.put("POST /api/crm/contacts", row((c, f) -> c.post("/api/crm/contacts", json("firstName", "Matrix")),
                401, 201, 201, 201, 201, 201));
        rows.put("GET /api/crm/contacts/{id}", row((c, f) -> c.get("/api/crm/contacts/" + f.contact()), 401, 200, 200, 200, 404, 200));
        rows.put("PATCH /api/crm/contacts/{id}", row((c, f) -> c.patch("/api/crm/contacts/" + f.contact(), json("lastName", "Checked")),
                401, 200, 200, 200, 404, 200));
        rows.put("GET /api/crm/contacts/{id}/notes", row((c, f) -> c.get("/api/crm/contacts/" + f.contact() + "/notes"),
                401, 200, 200, 200, 404, 200));
        rows.put("POST /api/crm/contacts/{id}/notes", row((c, f) -> c.post("/api/crm/contacts/" + f.contact() + "/notes",
                json("text", "noted")), 401, 201, 201, 201, 404, 201));
        rows.put("GET /api/crm/companies", row((c, f) -> c.get("/api/crm/companies"), 401, 200, 200, 200, 200, 200));
        rows.put("POST /api/crm/companies", row((c, f) -> c.post("/api/crm/companies", json("name", "Matrix Inc")),
                401, 201, 201, 201, 201, 201));
        rows.put("GET /api/crm/companies/{id}", row((c, f) -> c.get("/api/crm/companies/" + f.company()), 401, 200, 200, 200, 404, 200));
        rows.put("PATCH /api/crm/companies/{id}", row((c, f) -> c.patch("/api/crm/companies/" + f.company(), json("name", "Renamed")),
                401, 200, 200, 200, 404, 200));
        rows.put("GET /api/crm/companies/{id}/notes", row((c, f) -> c.get("/api/crm/companies/" + f.company() + "/notes"),
                401, 200, 200, 200, 404, 200));
        rows.put("POST /api/crm/companies/{id}/notes", row((c, f) -> c.post("/api/crm/companies/" + f.company() + "/notes",
                json("text", "noted")), 401, 201, 201, 201, 404, 201));
        rows.put("GET /api/crm/pipelines", row((c, f) -> c.get("/api/crm/pipelines"), 401, 200, 200, 200, 200, 200));
        rows.put("POST /api/crm/pipelines", row((c, f) -> c.post("/api/crm/pipelines", json("name", "Matrix deal", "stage",
                "Qualification")), 401, 201, 201, 201, 201, 201));
        rows.put("GET /api/crm/pipelines/stages", row((c, f) -> c.get("/api/crm/pipelines/stages"), 401, 200, 200, 200, 200, 200));
        rows.put("GET /api/crm/pipelines/{id}", row((c, f) -> c.get("/api/crm/pipelines/" + f.pipelineRecord()),
                401, 200, 200, 200, 404, 200));
        rows.put("PATCH /api/crm/pipelines/{id}", row((c, f) -> c.patch("/api/crm/pipelines/" + f.pipelineRecord(),
                json("name", "Renamed deal")), 401, 200, 200, 200, 404, 200));
        rows.put("GET /api/crm/pipelines/{id}/notes", row((c, f) -> c.get("/api/crm/pipelines/" + f.pipelineRecord() + "/notes"),
                401, 200, 200, 200, 404, 200));
        rows.put("POST /api/crm/pipelines/{id}/notes", row((c, f) -> c.post("/api/crm/pipelines/" + f.pipelineRecord() + "/notes",
                json("text", "noted")), 401, 201, 201, 201, 404, 201));
        rows.put("GET /api/crm/users", row((c, f) -> c.get("/api/crm/users"), 401, 200, 200, 200, 200, 200));
        rows.put("POST /api/crm/users", row((c, f) -> c.post("/api/crm/users", Json.createObjectBuilder()
                .add("username", "m" + UUID.randomUUID().toString().substring(0, 8)).add("name", "Matrix")
                .add("profileId", f.profile()).add("password", "matrix-password").build()), 401, 403, 403, 403, 400, 201));
        rows.put("GET /api/crm/users/{id}", row((c, f) -> c.get("/api/crm/users/" + f.user()), 401, 200, 200, 200, 404, 200));
        rows.put("PATCH /api/crm/users/{id}", row((c, f) -> c.patch("/api/crm/users/" + f.user(), json("name", "Matrix agent")),
                401, 403, 403, 403, 404, 200));
        rows.put("GET /api/crm/profiles", row((c, f) -> c.get("/api/crm/profiles"), 401, 200, 200, 200, 200, 200));
        rows.put("POST /api/crm/profiles", row((c, f) -> c.post("/api/crm/profiles", json("name", "P" + UUID.randomUUID())),
                401, 403, 403, 403, 201, 201));

        // The WhatsApp plugin's API.
        rows.put("GET /api/whatsapp/channels", row((c, f) -> c.get("/api/whatsapp/channels"), 401, 403, 403, 403, 200, 200));
        rows.put("POST /api/whatsapp/channels", row((c, f) -> c.post("/api/whatsapp/channels", json("mode", "NONE")),
                401, 403, 403, 403, 400, 400));
        rows.put("GET /api/whatsapp/channels/{id}", row((c, f) -> c.get("/api/whatsapp/channels/" + f.channel()),
                401, 403, 403, 403, 404, 200));
        rows.put("PATCH /api/whatsapp/channels/{id}", row((c, f) -> c.patch("/api/whatsapp/channels/" + f.channel(),
                json("name", "Matrix number")), 401, 403, 403, 403, 404, 200));
        rows.put("DELETE /api/whatsapp/channels/{id}", row((c, f) -> c.delete("/api/whatsapp/channels/" + f.spareChannel()),
                401, 403, 403, 403, 404, 200));
        rows.put("POST /api/whatsapp/channels/{id}/reconnect", row((c, f) -> c.post("/api/whatsapp/channels/" + f.channel()
                + "/reconnect", EMPTY), 401, 403, 403, 403, 404, 400));
        rows.put("POST /api/whatsapp/channels/{id}/check", row((c, f) -> c.post("/api/whatsapp/channels/" + f.channel() + "/check",
                EMPTY), 401, 403, 403, 403, 404, 200));
        rows.put("GET /api/whatsapp/settings/webhook", row((c, f) -> c.get("/api/whatsapp/settings/webhook"),
                401, 403, 403, 403, 200, 200));
        rows.put("GET /api/whatsapp/settings/embedded-signup", row((c, f) -> c.get("/api/whatsapp/settings/embedded-signup"),
                401, 403, 403, 403, 200, 200));
        rows.put("GET /api/whatsapp/conversations", row((c, f) -> c.get("/api/whatsapp/conversations"), 401, 403, 200, 200, 200, 200));
        rows.put("GET /api/whatsapp/conversations/{id}", row((c, f) -> c.get("/api/whatsapp/conversations/" + f.conversation()),
                401, 403, 200, 200, 404, 200));
        rows.put("PATCH /api/whatsapp/conversations/{id}", row((c, f) -> c.patch("/api/whatsapp/conversations/" + f.conversation(),
                Json.createObjectBuilder().add("ownerId", f.user()).build()), 401, 403, 403, 200, 404, 200));
        rows.put("POST /api/whatsapp/conversations/{id}/read", row((c, f) -> c.post("/api/whatsapp/conversations/"
                + f.conversation() + "/read", EMPTY), 401, 403, 200, 200, 404, 200));
        rows.put("POST /api/whatsapp/conversations/{id}/unread", row((c, f) -> c.post("/api/whatsapp/conversations/"
                + f.conversation() + "/unread", EMPTY), 401, 403, 200, 200, 404, 200));
        rows.put("GET /api/whatsapp/conversations/{id}/reply-options", row((c, f) -> c.get("/api/whatsapp/conversations/"
                + f.conversation() + "/reply-options"), 401, 403, 403, 200, 404, 200));
        rows.put("GET /api/whatsapp/conversations/{id}/messages", row((c, f) -> c.get("/api/whatsapp/conversations/"
                + f.conversation() + "/messages"), 401, 403, 200, 200, 404, 200));
        rows.put("POST /api/whatsapp/conversations/{id}/messages", row((c, f) -> c.post("/api/whatsapp/conversations/"
                + f.conversation() + "/messages", json("text", "Matrix answer")), 401, 403, 403, 202, 404, 202));
        rows.put("POST /api/whatsapp/conversations/{id}/messages/{messageId}/retry", row((c, f) -> c.post(
                "/api/whatsapp/conversations/" + f.conversation() + "/messages/" + f.failedMessage() + "/retry", EMPTY),
                401, 403, 403, 202, 404, 400));
        rows.put("GET /api/whatsapp/conversations/{id}/messages/{messageId}/media", row((c, f) -> c.getAccepting(
                "/api/whatsapp/conversations/" + f.conversation() + "/messages/" + f.imageMessage() + "/media", "*/*"),
                401, 403, 200, 200, 404, 200));
        rows.put("POST /api/whatsapp/conversations/{id}/messages/{messageId}/media/retry", row((c, f) -> c.post(
                "/api/whatsapp/conversations/" + f.conversation() + "/messages/" + f.imageMessage() + "/media/retry", EMPTY),
                401, 403, 400, 400, 404, 400));
        rows.put("GET /api/whatsapp/conversations/{id}/related", row((c, f) -> c.get("/api/whatsapp/conversations/"
                + f.conversation() + "/related"), 401, 403, 200, 200, 404, 200));
        rows.put("PATCH /api/whatsapp/conversations/{id}/contact", row((c, f) -> c.patch("/api/whatsapp/conversations/"
                + f.conversation() + "/contact", json("lastName", "Matrix")), 401, 403, 403, 200, 404, 200));
        rows.put("PATCH /api/whatsapp/conversations/{id}/pipeline-records/{recordId}", row((c, f) -> c.patch(
                "/api/whatsapp/conversations/" + f.conversation() + "/pipeline-records/" + f.contactRecord(),
                Json.createObjectBuilder().add("amount", 100).build()), 401, 403, 403, 200, 404, 200));
        rows.put("POST /api/whatsapp/conversations/{id}/pipeline-records", row((c, f) -> c.post("/api/whatsapp/conversations/"
                + f.conversation() + "/pipeline-records", json("name", "Matrix from chat")), 401, 403, 403, 201, 404, 201));
        rows.put("POST /api/whatsapp/conversations/{id}/notes", row((c, f) -> c.post("/api/whatsapp/conversations/"
                + f.conversation() + "/notes", Json.createObjectBuilder().add("messageIds", Json.createArrayBuilder()
                .add(f.inboundMessage())).build()), 401, 403, 403, 201, 404, 201));
        // The fixture's message is text: allowed callers are told it holds no card or number change.
        rows.put("POST /api/whatsapp/conversations/{id}/messages/{messageId}/contact-cards/{index}", row((c, f) -> c.post(
                "/api/whatsapp/conversations/" + f.conversation() + "/messages/" + f.inboundMessage() + "/contact-cards/0", EMPTY),
                401, 403, 403, 404, 404, 404));
        rows.put("POST /api/whatsapp/conversations/{id}/messages/{messageId}/number-change", row((c, f) -> c.post(
                "/api/whatsapp/conversations/" + f.conversation() + "/messages/" + f.inboundMessage() + "/number-change", EMPTY),
                401, 403, 403, 404, 404, 404));
        rows.put("GET /api/whatsapp/users", row((c, f) -> c.get("/api/whatsapp/users"), 401, 403, 200, 200, 200, 200));
        rows.put("GET /api/whatsapp/me", row((c, f) -> c.get("/api/whatsapp/me"), 401, 200, 200, 200, 200, 200));
        rows.put("GET /api/whatsapp/unread-count", row((c, f) -> c.get("/api/whatsapp/unread-count"), 401, 403, 200, 200, 200, 200));
        // A stream stays open: only refusals are called here; what the allowed hear is tested with the live events.
        rows.put("GET /api/whatsapp/events", row((c, f) -> c.getAccepting("/api/whatsapp/events", "text/event-stream"),
                401, 403, 0, 0, 0, 0));
        rows.put("GET /api/whatsapp/numbers", row((c, f) -> c.get("/api/whatsapp/numbers"), 401, 403, 200, 200, 200, 200));
        rows.put("GET /api/whatsapp/merge-fields", row((c, f) -> c.get("/api/whatsapp/merge-fields"), 401, 403, 200, 200, 200, 200));
        rows.put("GET /api/whatsapp/quick-replies", row((c, f) -> c.get("/api/whatsapp/quick-replies"), 401, 403, 403, 200, 200, 200));
        rows.put("POST /api/whatsapp/quick-replies", row((c, f) -> c.post("/api/whatsapp/quick-replies",
                json("shortcut", "/m" + UUID.randomUUID().toString().substring(0, 6), "text", "Matrix")), 401, 403, 403, 403, 201, 201));
        rows.put("PUT /api/whatsapp/quick-replies/{id}", row((c, f) -> c.put("/api/whatsapp/quick-replies/" + f.quickReply(),
                json("shortcut", "/matrix" + f.quickReply(), "text", "Changed")), 401, 403, 403, 403, 404, 200));
        rows.put("DELETE /api/whatsapp/quick-replies/{id}", row((c, f) -> c.delete("/api/whatsapp/quick-replies/"
                + f.spareQuickReply()), 401, 403, 403, 403, 404, 204));
        rows.put("GET /api/whatsapp/permissions", row((c, f) -> c.get("/api/whatsapp/permissions"), 401, 403, 403, 403, 200, 200));
        rows.put("PUT /api/whatsapp/permissions/{profileId}", row((c, f) -> c.put("/api/whatsapp/permissions/" + f.profile(),
                json("level", "NONE")), 401, 403, 403, 403, 404, 200));
        rows.put("GET /api/whatsapp/templates", row((c, f) -> c.get("/api/whatsapp/templates"), 401, 403, 200, 200, 200, 200));
        rows.put("POST /api/whatsapp/templates", row((c, f) -> c.post("/api/whatsapp/templates", Json.createObjectBuilder()
                .add("channelId", f.channel()).add("name", "matrix_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_'))
                .add("language", "en").add("category", "UTILITY").add("body", "Matrix text").build()), 401, 403, 403, 403, 404, 201));
        rows.put("GET /api/whatsapp/templates/{id}", row((c, f) -> c.get("/api/whatsapp/templates/" + f.template()),
                401, 403, 200, 200, 404, 200));
        rows.put("PUT /api/whatsapp/templates/{id}", row((c, f) -> c.put("/api/whatsapp/templates/" + f.template(),
                json("category", "UTILITY", "body", "Matrix text, #Contacts.First Name#, edited")), 401, 403, 403, 403, 404, 200));
        rows.put("DELETE /api/whatsapp/templates/{id}", row((c, f) -> c.delete("/api/whatsapp/templates/" + f.spareTemplate()),
                401, 403, 403, 403, 404, 204));
        rows.put("POST /api/whatsapp/templates/{id}/preview", row((c, f) -> c.post("/api/whatsapp/templates/" + f.template()
                + "/preview", Json.createObjectBuilder().add("contactId", f.contact()).build()), 401, 403, 200, 200, 404, 200));
        rows.put("POST /api/whatsapp/templates/draft-preview", row((c, f) -> c.post("/api/whatsapp/templates/draft-preview",
                json("body", "Hello #Contacts.First Name# there")), 401, 403, 403, 403, 200, 200));
        rows.put("POST /api/whatsapp/templates/header-samples", row((c, f) -> c.postFile("/api/whatsapp/templates/header-samples",
                "sample.jpg", SampleFiles.jpeg(), "channelId", Long.toString(f.channel())), 401, 403, 403, 403, 404, 200));
        rows.put("POST /api/whatsapp/templates/sync", row((c, f) -> c.post("/api/whatsapp/templates/sync", EMPTY),
                401, 403, 403, 403, 200, 200));
        // A template Meta never approves: a chat is refused for it only after the checks of who calls.
        rows.put("POST /api/whatsapp/chats", row((c, f) -> c.post("/api/whatsapp/chats", Json.createObjectBuilder()
                .add("contactId", f.contact()).add("channelId", f.channel()).add("templateId", f.unapprovedTemplate()).build()),
                401, 403, 403, 409, 404, 409));
        rows.put("GET /api/whatsapp/contacts", row((c, f) -> c.get("/api/whatsapp/contacts?q=a"), 401, 403, 403, 200, 200, 200));
        rows.put("GET /api/whatsapp/delivery-problems", row((c, f) -> c.get("/api/whatsapp/delivery-problems"),
                401, 403, 403, 403, 200, 200));
        rows.put("POST /api/whatsapp/delivery-problems/{id}/retry", row((c, f) -> c.post("/api/whatsapp/delivery-problems/"
                + f.parkedEvent() + "/retry", EMPTY), 401, 403, 403, 403, 404, 204));
        rows.put("POST /api/whatsapp/delivery-problems/{id}/dismiss", row((c, f) -> c.post("/api/whatsapp/delivery-problems/"
                + f.spareParkedEvent() + "/dismiss", EMPTY), 401, 403, 403, 403, 404, 204));
        // Credits: administrators of their own organisation; a send's price for whoever may send.
        rows.put("GET /api/whatsapp/credits", row((c, f) -> c.get("/api/whatsapp/credits"), 401, 403, 403, 403, 200, 200));
        rows.put("POST /api/whatsapp/credits/purchases", row((c, f) -> c.post("/api/whatsapp/credits/purchases",
                Json.createObjectBuilder().add("credits", 1).build()), 401, 403, 403, 403, 201, 201));
        rows.put("POST /api/whatsapp/credits/purchases/{id}/retry", row((c, f) -> c.post("/api/whatsapp/credits/purchases/0/retry",
                EMPTY), 401, 403, 403, 403, 404, 404));
        rows.put("PUT /api/whatsapp/credits/auto-recharge", row((c, f) -> c.put("/api/whatsapp/credits/auto-recharge",
                Json.createObjectBuilder().add("enabled", false).add("threshold", 0).add("amount", 0).build()),
                401, 403, 403, 403, 200, 200));
        rows.put("GET /api/whatsapp/credits/ledger", row((c, f) -> c.get("/api/whatsapp/credits/ledger"), 401, 403, 403, 403, 200, 200));
        rows.put("GET /api/whatsapp/credits/usage", row((c, f) -> c.get("/api/whatsapp/credits/usage"), 401, 403, 403, 403, 200, 200));
        rows.put("GET /api/whatsapp/credits/quote", row((c, f) -> c.get("/api/whatsapp/credits/quote?conversationId="
                + f.conversation()), 401, 403, 403, 200, 404, 200));
        rows.put("GET /api/crm/payments", row((c, f) -> c.get("/api/crm/payments"), 401, 403, 403, 403, 200, 200));
        rows.put("GET /api/crm/payments/processor", row((c, f) -> c.get("/api/crm/payments/processor"), 401, 403, 403, 403, 200, 200));
        rows.put("PUT /api/crm/payments/processor", row((c, f) -> c.put("/api/crm/payments/processor",
                Json.createObjectBuilder().add("declinesEveryPayment", false).build()), 401, 403, 403, 403, 200, 200));

        // Meta's side: the webhook is public and checks its own secrets, whoever calls.
        rows.put("GET /webhooks/whatsapp", row((c, f) -> c.get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess"
                + "&hub.challenge=1"), 403, 403, 403, 403, 403, 403));
        rows.put("POST /webhooks/whatsapp", row((c, f) -> c.post("/webhooks/whatsapp", EMPTY), 401, 401, 401, 401, 401, 401));

        // The sandbox's control API: users who may answer, only for their own numbers; Meta's decisions about a template
        // for administrators; the rest is the installation's.
        int[] installationOnly = {401, 403, 403, 403, 403, 403};
        rows.put("POST /sandbox/api/test-numbers", row((c, f) -> c.post("/sandbox/api/test-numbers", EMPTY), installationOnly));
        rows.put("POST /sandbox/api/embedded-signup", row((c, f) -> c.post("/sandbox/api/embedded-signup", EMPTY), installationOnly));
        rows.put("POST /sandbox/api/accounts/{waba}/revoke", row((c, f) -> c.post("/sandbox/api/accounts/" + f.wabaId()
                + "/revoke", EMPTY), installationOnly));
        rows.put("PUT /sandbox/api/accounts/{waba}/callback-url", row((c, f) -> c.put("/sandbox/api/accounts/" + f.wabaId()
                + "/callback-url", json("callbackUrl", "http://localhost:1/")), installationOnly));
        rows.put("POST /sandbox/api/accounts/{waba}/tokens", row((c, f) -> c.post("/sandbox/api/accounts/" + f.wabaId()
                + "/tokens", EMPTY), installationOnly));
        rows.put("GET /sandbox/api/accounts/{waba}", row((c, f) -> c.get("/sandbox/api/accounts/" + f.wabaId()), installationOnly));
        rows.put("POST /sandbox/api/customers/{waId}/messages", row((c, f) -> c.post("/sandbox/api/customers/819011119999/messages",
                Json.createObjectBuilder().add("phoneNumberId", f.phoneNumberId()).add("type", "text").add("text", "matrix").build()),
                401, 403, 403, 200, 404, 200));
        rows.put("POST /sandbox/api/faults", row((c, f) -> c.post("/sandbox/api/faults", json("path", "/none")), installationOnly));
        rows.put("DELETE /sandbox/api/faults", row((c, f) -> c.delete("/sandbox/api/faults"), installationOnly));
        rows.put("GET /sandbox/api/faults", row((c, f) -> c.get("/sandbox/api/faults"), installationOnly));
        rows.put("PUT /sandbox/api/numbers/{phoneNumberId}/throughput", row((c, f) -> c.put("/sandbox/api/numbers/"
                + f.phoneNumberId() + "/throughput", Json.createObjectBuilder().add("messagesPerSecond", 80).build()), installationOnly));
        rows.put("GET /sandbox/api/requests", row((c, f) -> c.get("/sandbox/api/requests"), installationOnly));
        rows.put("POST /sandbox/api/media/{id}/expire-urls", row((c, f) -> c.post("/sandbox/api/media/" + f.imageMediaId()
                + "/expire-urls", EMPTY), installationOnly));
        rows.put("GET /sandbox/api/sent", row((c, f) -> c.get("/sandbox/api/sent"), 401, 403, 403, 200, 200, 200));
        rows.put("GET /sandbox/api/media/{id}/content", row((c, f) -> c.getAccepting("/sandbox/api/media/" + f.imageMediaId()
                + "/content", "*/*"), 401, 403, 403, 200, 404, 200));
        rows.put("GET /sandbox/api/accounts/{waba}/templates", row((c, f) -> c.get("/sandbox/api/accounts/" + f.wabaId()
                + "/templates"), 401, 403, 403, 200, 404, 200));
        rows.put("POST /sandbox/api/accounts/{waba}/templates", row((c, f) -> c.post("/sandbox/api/accounts/" + f.wabaId()
                + "/templates", Json.createObjectBuilder().add("name", "seed_" + UUID.randomUUID().toString().substring(0, 8)
                .replace('-', '_')).add("language", "en").add("category", "UTILITY").add("components", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "BODY").add("text", "Seeded"))).build()), 401, 403, 403, 200, 404, 200));
        rows.put("POST /sandbox/api/templates/{id}/review", row((c, f) -> c.post("/sandbox/api/templates/" + f.templateMetaId()
                + "/review", json("status", "APPROVED")), 401, 403, 403, 403, 404, 204));
        rows.put("POST /sandbox/api/templates/{id}/category", row((c, f) -> c.post("/sandbox/api/templates/" + f.templateMetaId()
                + "/category", json("category", "UTILITY")), 401, 403, 403, 403, 404, 204));
        rows.put("POST /sandbox/api/templates/{id}/quality", row((c, f) -> c.post("/sandbox/api/templates/" + f.templateMetaId()
                + "/quality", json("score", "GREEN")), 401, 403, 403, 403, 404, 204));
        rows.put("GET /sandbox/api/read-receipts", row((c, f) -> c.get("/sandbox/api/read-receipts"), installationOnly));
        rows.put("GET /sandbox/api/numbers", row((c, f) -> c.get("/sandbox/api/numbers"), 401, 403, 403, 200, 200, 200));
        return rows;
    }

    /**
     * The emulation of Meta's Graph API and media downloads authenticate by Meta's tokens, not by users: none of
     * the roles, none of which sends such a token, gets anything from them.
     */
    private static boolean isMetaEmulation(String endpoint) {
        return endpoint.contains(" /sandbox/graph/") || endpoint.contains(" /sandbox/media/");
    }

    /**
     * Every method and path the deployed JAX-RS applications serve: their resource classes, as each
     * {@link Application} lists them, with sub-resource locators followed.
     */
    private static List<String> deployedEndpoints() throws ReflectiveOperationException {
        List<String> endpoints = new ArrayList<>();
        for (Class<? extends Application> application : List.of(CrmRestApplication.class, WebhookApplication.class,
                SandboxApplication.class)) {
            String root = application.getAnnotation(ApplicationPath.class).value();
            for (Class<?> resource : application.getDeclaredConstructor().newInstance().getClasses()) {
                Path path = resource.getAnnotation(Path.class);
                if (path != null) {
                    collect(resource, join(root, path.value()), endpoints);
                }
            }
        }
        return endpoints;
    }

    private static void collect(Class<?> resource, String base, List<String> endpoints) {
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String full = path == null ? base : join(base, path.value());
            Optional<String> verb = Arrays.stream(method.getAnnotations())
                    .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                    .filter(java.util.Objects::nonNull).map(HttpMethod::value).findFirst();
            if (verb.isPresent()) {
                String endpoint = verb.get() + " " + full.replaceAll("\\{([^}:]+?)\\s*:[^}]*}", "{$1}");
                if (!endpoints.contains(endpoint)) {
                    endpoints.add(endpoint);
                }
            } else if (path != null) {
                collect(method.getReturnType(), full, endpoints);
            }
        }
    }

    private static String join(String base, String path) {
        String tail = path.replaceAll("^/+|/+$", "");
        return tail.isEmpty() ? base : base.replaceAll("/+$", "") + "/" + tail;
    }

    @Test
    void everyDeployedEndpointHasARowAndEveryRowAnEndpoint() throws Exception {
        List<String> deployed = deployedEndpoints();
        Map<String, Row> rows = matrix();
        TreeSet<String> withoutRow = new TreeSet<>();
        deployed.stream().filter(endpoint -> !rows.containsKey(endpoint) && !isMetaEmulation(endpoint)).forEach(withoutRow::add);
        TreeSet<String> stale = new TreeSet<>(rows.keySet());
        deployed.forEach(stale::remove);
        assertTrue(withoutRow.isEmpty(), "endpoints without a row in the matrix (decide who may call them): " + withoutRow);
        assertTrue(stale.isEmpty(), "rows of endpoints that are not deployed: " + stale);
    }

    @Test
    void everyEndpointAnswersEachRoleAsDesigned() throws Exception {
        Map<Role, ApiClient> callers = callers();
        Fixtures fixtures = fixtures(callers);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Row> entry : matrix().entrySet()) {
            Role[] roles = Role.values();
            for (int i = 0; i < roles.length; i++) {
                int expected = entry.getValue().expected()[i];
                if (expected == 0) {
                    continue;
                }
                Answer answer = entry.getValue().call().apply(callers.get(roles[i]), fixtures);
                if (answer.status() != expected) {
                    mismatches.add(entry.getKey() + " as " + roles[i] + ": expected " + expected + ", was " + answer.status()
                            + " " + answer.body().substring(0, Math.min(160, answer.body().length())));
                }
            }
        }
        for (String endpoint : deployedEndpoints().stream().filter(AuthorisationMatrixIT::isMetaEmulation).toList()) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            for (Role role : Role.values()) {
                ApiClient caller = callers.get(role);
                Answer answer = switch (method) {
                    case "GET" -> caller.get(path);
                    case "DELETE" -> caller.delete(path);
                    default -> caller.post(path, EMPTY);
                };
                if (answer.status() < 400 || answer.status() >= 500) {
                    mismatches.add(endpoint + " as " + role + " without Meta's token: " + answer.status());
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " answers differ from the matrix:\n" + String.join("\n", mismatches));
    }

    private Map<Role, ApiClient> callers() {
        ApiClient admin = Organisations.administrator(base);
        Map<Role, ApiClient> callers = new LinkedHashMap<>();
        callers.put(Role.ANONYMOUS, ApiClient.anonymous(base));
        callers.put(Role.NO_LEVEL, userWithLevel(admin, null));
        callers.put(Role.VIEW_ONLY, userWithLevel(admin, "VIEW_ONLY"));
        callers.put(Role.VIEW_AND_REPLY, userWithLevel(admin, "VIEW_AND_REPLY"));
        callers.put(Role.OTHER_ADMINISTRATOR, Organisations.outsider(base));
        callers.put(Role.ADMINISTRATOR, admin);
        return callers;
    }

    private static final String PASSWORD = "matrix-password";

    private ApiClient userWithLevel(ApiClient admin, String level) {
        long profile = admin.post("/api/crm/profiles", json("name", "Matrix " + UUID.randomUUID().toString().substring(0, 8))).id();
        if (level != null) {
            admin.put("/api/whatsapp/permissions/" + profile, json("level", level));
        }
        String username = "mx" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                .add("profileId", profile).add("password", PASSWORD).build());
        return ApiClient.as(base, username, PASSWORD);
    }

    private Fixtures fixtures(Map<Role, ApiClient> callers) throws InterruptedException {
        ApiClient admin = callers.get(Role.ADMINISTRATOR);
        long adminId = admin.get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
        JsonObject channel = admin.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Matrix").add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json();
        long spareChannel = admin.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Spare").add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json()
                .getJsonNumber("id").longValue();
        String customer = seeds.japaneseMobile();
        ApiClient sandbox = ApiClient.sandbox(base);
        String text = sandbox.post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "text").add("text", "hello").build())
                .json().getJsonArray("wamids").getString(0);
        String image = sandbox.post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "image").add("caption", "photo").build())
                .json().getJsonArray("wamids").getString(0);
        Eventually.eventually("the image downloaded", 20, () -> TestDatabase.strings("select f.state from whatsapp.media_file f"
                + " join whatsapp.message m on m.id = f.message_id where m.wamid = ?", image).equals(List.of("DOWNLOADED")));
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", text);
        long organisation = TestDatabase.number("select organisation_id from whatsapp.conversation where id = ?", conversation);
        long imageMessage = TestDatabase.number("select id from whatsapp.message where wamid = ?", image);
        String mediaId = TestDatabase.strings("select media_id from whatsapp.media_file where message_id = ?", imageMessage).get(0);
        long failed = TestDatabase.update("insert into whatsapp.message (organisation_id, conversation_id, direction, type, text,"
                + " status, error_code, error_detail, sent_at, created_at) values (?, ?, 'OUT', 'text', 'refused answer',"
                + " 'FAILED', 131026, 'undeliverable', now(), now()) returning id", organisation, conversation);
        long parked = parkedEvent(organisation, channel.getJsonNumber("id").longValue());
        long spareParked = parkedEvent(organisation, channel.getJsonNumber("id").longValue());
        long company = admin.post("/api/crm/companies", json("name", "Matrix Co")).id();
        long record = admin.post("/api/crm/pipelines", json("name", "Matrix deal", "stage",
                admin.get("/api/crm/pipelines/stages").structure().asJsonArray().getString(0))).id();
        long quickReply = admin.post("/api/whatsapp/quick-replies", json("shortcut", "/mq" + UUID.randomUUID().toString()
                .substring(0, 6), "text", "Matrix")).id();
        long spareQuickReply = admin.post("/api/whatsapp/quick-replies", json("shortcut", "/ms" + UUID.randomUUID().toString()
                .substring(0, 6), "text", "Spare")).id();
        long profile = admin.post("/api/crm/profiles", json("name", "Matrix target " + UUID.randomUUID())).id();
        long user = callers.get(Role.VIEW_AND_REPLY).get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id")
                .longValue();
        long contact = TestDatabase.number("select contact_id from whatsapp.conversation where id = ?", conversation);
        long template = admin.post("/api/whatsapp/templates", Json.createObjectBuilder().add("channelId", channel.getInt("id"))
                .add("name", "matrix_fixture").add("language", "en").add("category", "UTILITY")
                .add("body", "Hello #Contacts.First Name#, matrix.").build()).id();
        long spareTemplate = admin.post("/api/whatsapp/templates", Json.createObjectBuilder().add("channelId", channel.getInt("id"))
                .add("name", "matrix_spare").add("language", "en").add("category", "UTILITY").add("body", "Spare").build()).id();
        String templateMetaId = TestDatabase.strings("select meta_template_id from whatsapp.template where id = ?", template).get(0);
        long contactRecord = admin.post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Matrix customer deal")
                .add("stage", admin.get("/api/crm/pipelines/stages").structure().asJsonArray().getString(0))
                .add("contactId", contact).build()).id();
        long unapproved = admin.post("/api/whatsapp/templates", Json.createObjectBuilder().add("channelId", channel.getInt("id"))
                .add("name", "matrix_unapproved").add("language", "en").add("category", "MARKETING")
                .add("body", "You have won the lottery, claim it.").build()).id();
        return new Fixtures(channel.getJsonNumber("id").longValue(), spareChannel, channel.getString("phoneNumberId"),
                conversation, TestDatabase.number("select id from whatsapp.message where wamid = ?", text), imageMessage,
                mediaId, failed, contact, company, record, quickReply, spareQuickReply, profile, user, parked, spareParked,
                channel.getString("wabaId"), template, spareTemplate, templateMetaId, unapproved, contactRecord);
    }

    private static long parkedEvent(long organisation, long channel) {
        return TestDatabase.update("insert into whatsapp.webhook_event (organisation_id, channel_id, kind, dedupe_key,"
                + " occurred_at, payload, received_at, attempts, last_error, parked_at) values (?, ?, 'MESSAGE', ?, now(),"
                + " '{\"not\": \"a message\"}', now(), 5, 'matrix', now()) returning id", organisation, channel,
                "matrix:" + UUID.randomUUID());
    }
}
