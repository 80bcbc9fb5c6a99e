package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Eventually;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connecting numbers in the three modes against the sandbox over real HTTP, and the webhook contract. The tests
 * named {@code theSandbox...} prove the emulator itself keeps Meta's rules (window, throughput, template review,
 * media), which the plugin's own tests rely on; they call the sandbox directly and prove nothing of the plugin.
 */
@ExtendWith(ArquillianExtension.class)
class ChannelsAndWebhookIT {

    @ArquillianResource
    URL base;
    @RegisterExtension
    final Seeds seeds = new Seeds();

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private ApiClient sandbox() {
        return ApiClient.sandbox(base);
    }

    @AfterEach
    void clearFaults() {
        sandbox().delete("/sandbox/api/faults");
    }

    private long adminId() {
        return Organisations.administratorId(base);
    }

    private JsonObject connect(JsonObject request) {
        Answer answer = admin().post("/api/whatsapp/channels", request);
        assertEquals(201, answer.status(), answer.body());
        return answer.json();
    }

    private JsonObject sandboxChannel() {
        return connect(Json.createObjectBuilder().add("mode", "SANDBOX").add("name", "Support")
                .add("assigneeIds", Json.createArrayBuilder().add(adminId())).build());
    }

    private static long channels() {
        return TestDatabase.number("select count(*) from whatsapp.channel");
    }

    @Test
    void aSandboxNumberConnectsInOneStepAndIsListed() {
        JsonObject channel = sandboxChannel();
        assertEquals("CONNECTED", channel.getString("status"));
        assertEquals("SANDBOX", channel.getString("mode"));
        assertFalse(channel.containsKey("accessToken"));
        assertTrue(admin().get("/api/whatsapp/channels").structure().asJsonArray().stream()
                .anyMatch(c -> c.asJsonObject().getInt("id") == channel.getInt("id")));
        assertTrue(sandbox().get("/sandbox/api/accounts/" + channel.getString("wabaId")).json().getBoolean("subscribed"),
                "the app is subscribed to the account's webhooks");
    }

    @Test
    void aManualConnectChecksTheTokenAndKeepsItEncrypted() {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        long before = channels();
        Answer badToken = admin().post("/api/whatsapp/channels", manual(number, "EAAS-not-a-token"));
        assertEquals(400, badToken.status(), badToken.body());
        assertEquals("accessToken", badToken.json().getString("field"));
        Answer wrongNumber = admin().post("/api/whatsapp/channels", Json.createObjectBuilder(manual(number,
                number.getString("accessToken"))).add("phoneNumberId", "123").build());
        assertEquals("phoneNumberId", wrongNumber.json().getString("field"));
        assertEquals(before, channels(), "nothing is stored for a refused connect");

        JsonObject channel = connect(manual(number, number.getString("accessToken")));
        assertEquals("MANUAL", channel.getString("mode"));
        assertFalse(admin().get("/api/whatsapp/channels/" + channel.getInt("id")).body().contains(number.getString("accessToken")));
        long plaintext = TestDatabase.number("select count(*) from whatsapp.channel where position(convert_to(?, 'UTF8') in access_token) > 0",
                number.getString("accessToken"));
        assertEquals(0, plaintext, "the token is encrypted at rest");
    }

    private JsonObject manual(JsonObject number, String token) {
        return Json.createObjectBuilder().add("mode", "MANUAL").add("name", "Sales")
                .add("assigneeIds", Json.createArrayBuilder().add(adminId()))
                .add("phoneNumberId", number.getString("phoneNumberId")).add("wabaId", number.getString("wabaId"))
                .add("accessToken", token).build();
    }

    @Test
    void embeddedSignupExchangesTheCodeRegistersAndSubscribes() {
        JsonObject signup = sandbox().post("/sandbox/api/embedded-signup", JsonValue.EMPTY_JSON_OBJECT).json();
        JsonObject request = Json.createObjectBuilder().add("mode", "EMBEDDED_SIGNUP").add("name", "Signup")
                .add("assigneeIds", Json.createArrayBuilder().add(adminId()))
                .add("code", signup.getString("code")).add("wabaId", signup.getString("wabaId"))
                .add("phoneNumberId", signup.getString("phoneNumberId")).build();
        JsonObject channel = connect(request);
        assertEquals("EMBEDDED_SIGNUP", channel.getString("mode"));
        JsonObject account = sandbox().get("/sandbox/api/accounts/" + signup.getString("wabaId")).json();
        assertTrue(account.getBoolean("registered"), "a new number is registered for the Cloud API");
        assertTrue(account.getBoolean("subscribed"));

        Answer reused = admin().post("/api/whatsapp/channels", request);
        assertEquals(400, reused.status());
        assertEquals("code", reused.json().getString("field"), "a signup code works once");
    }

    @Test
    void disconnectKeepsTheChannelAndAReconnectReusesIt() throws InterruptedException {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        JsonObject channel = connect(manual(number, number.getString("accessToken")));
        int id = channel.getInt("id");
        String customer = seeds.japaneseMobile();
        String before = Webhooks.newWamid();
        postWebhook(Webhooks.envelope(Webhooks.entry(number.getString("wabaId"), number.getString("phoneNumberId"),
                Json.createArrayBuilder().add(Webhooks.textMessage(customer, before, "before the disconnect")),
                Json.createArrayBuilder())));
        Eventually.eventually("the conversation", 10, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", before) == 1);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", before);

        Answer disconnected = admin().delete("/api/whatsapp/channels/" + id);
        assertEquals("DISCONNECTED", disconnected.json().getString("status"));
        assertFalse(sandbox().get("/sandbox/api/accounts/" + number.getString("wabaId")).json().getBoolean("subscribed"));
        byte[] late = Webhooks.envelope(Webhooks.entry(number.getString("wabaId"), number.getString("phoneNumberId"),
                Json.createArrayBuilder().add(Webhooks.textMessage("819011112222", Webhooks.newWamid(), "hello?")),
                Json.createArrayBuilder()));
        Answer ignored = postWebhook(late);
        assertEquals(200, ignored.status());
        assertEquals(0, ignored.json().getInt("stored"), "a disconnected number's webhooks are acknowledged and ignored");

        assertEquals(List.of("before the disconnect"), admin().get("/api/whatsapp/conversations/" + conversation + "/messages")
                .structure().asJsonArray().stream().map(m -> m.asJsonObject().getString("text")).toList(),
                "the history stays readable while disconnected");

        JsonObject again = connect(manual(number, number.getString("accessToken")));
        assertEquals(id, again.getInt("id"), "the same channel, with its history");
        assertEquals("CONNECTED", again.getString("status"));
        assertEquals(id, admin().get("/api/whatsapp/conversations/" + conversation).json().getInt("channelId"));
    }

    @Test
    void aDisconnectedSandboxNumberReconnectsWithItsHistoryAndAnotherNumberNeedsANewToken() {
        JsonObject channel = connect(Json.createObjectBuilder().add("mode", "SANDBOX").add("name", "Comes back")
                .add("assigneeIds", Json.createArrayBuilder().add(adminId())).build());
        int id = channel.getInt("id");
        assertEquals(400, admin().post("/api/whatsapp/channels/" + id + "/reconnect", JsonValue.EMPTY_JSON_OBJECT).status(),
                "a connected number cannot be reconnected");
        assertEquals(200, admin().delete("/api/whatsapp/channels/" + id).status());

        JsonObject back = admin().post("/api/whatsapp/channels/" + id + "/reconnect", JsonValue.EMPTY_JSON_OBJECT).json();
        assertEquals("CONNECTED", back.getString("status"), back.toString());
        assertEquals(channel.getString("phoneNumberId"), back.getString("phoneNumberId"), "the same number, not a new one");
        assertEquals(1, admin().get("/api/whatsapp/channels").structure().asJsonArray().stream()
                .filter(c -> c.asJsonObject().getString("phoneNumberId").equals(channel.getString("phoneNumberId"))).count());

        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        int manual = connect(manual(number, number.getString("accessToken"))).getInt("id");
        admin().delete("/api/whatsapp/channels/" + manual);
        Answer withoutToken = admin().post("/api/whatsapp/channels/" + manual + "/reconnect", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(400, withoutToken.status());
        assertEquals("accessToken", withoutToken.json().getString("field"));
        assertEquals("CONNECTED", admin().post("/api/whatsapp/channels/" + manual + "/reconnect", Json.createObjectBuilder()
                .add("accessToken", number.getString("accessToken")).build()).json().getString("status"));
    }

    @Test
    void aNumberMetaNoLongerKnowsIsReportedWithWhatToDoNotAsAServerError() {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        int id = connect(manual(number, number.getString("accessToken"))).getInt("id");
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", number.getString("phoneNumberId"))
                .add("status", 400).add("errorCode", 100).add("count", 1).build());

        Answer check = admin().post("/api/whatsapp/channels/" + id + "/check", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(400, check.status(), check.body());
        assertEquals("VALIDATION_FAILED", check.code());
        assertTrue(check.json().getString("detail").contains("connect it again"), check.body());
        assertEquals("CONNECTED", admin().get("/api/whatsapp/channels/" + id).json().getString("status"));
    }

    @Test
    void aRefusedTokenMarksTheChannelForReauthorisation() {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        int id = connect(manual(number, number.getString("accessToken"))).getInt("id");
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", number.getString("phoneNumberId"))
                .add("status", 401).add("errorCode", 190).add("count", 1).build());

        assertEquals("NEEDS_REAUTH", admin().post("/api/whatsapp/channels/" + id + "/check", JsonValue.EMPTY_JSON_OBJECT)
                .json().getString("status"));
        assertEquals("NEEDS_REAUTH", admin().get("/api/whatsapp/channels/" + id).json().getString("status"));

        Answer reauthorised = admin().patch("/api/whatsapp/channels/" + id, Json.createObjectBuilder()
                .add("accessToken", number.getString("accessToken")).build());
        assertEquals("CONNECTED", reauthorised.json().getString("status"), reauthorised.body());
    }

    @Test
    void onlyAdministratorsManageChannels() {
        long standard = admin().get("/api/crm/profiles").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals("Standard")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        String username = "agent" + UUID.randomUUID().toString().substring(0, 6);
        admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", "Agent")
                .add("profileId", standard).add("password", "agent-password").build());
        ApiClient agent = ApiClient.as(base, username, "agent-password");
        long before = channels();
        Answer list = agent.get("/api/whatsapp/channels");
        assertEquals(403, list.status());
        assertEquals("FORBIDDEN", list.code());
        assertEquals(403, agent.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Mine").build()).status());
        assertEquals(403, agent.get("/api/whatsapp/settings/webhook").status());
        assertEquals(401, ApiClient.anonymous(base).get("/api/whatsapp/channels").status());
        assertEquals(before, channels());
    }

    @Test
    void invalidChannelDetailsAreRefusedBeforeMetaIsCalled() {
        long before = channels();
        Answer noAssignee = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Nobody").add("assigneeIds", Json.createArrayBuilder()).build());
        assertEquals("assigneeIds", noAssignee.json().getString("field"));
        Answer stranger = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Stranger").add("assigneeIds", Json.createArrayBuilder().add(999999)).build());
        assertEquals("assigneeIds", stranger.json().getString("field"));
        Answer badMode = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "CARRIER_PIGEON")
                .add("name", "x").build());
        assertEquals("mode", badMode.json().getString("field"));
        assertEquals(before, channels());
    }

    @Test
    void theSettingsShowTheWebhookToPasteIntoMeta() {
        JsonObject settings = admin().get("/api/whatsapp/settings/webhook").json();
        assertTrue(settings.getString("callbackUrl").endsWith("/webhooks/whatsapp"));
        assertEquals(EmbeddedDatabaseSession.VERIFY_TOKEN, settings.getString("verifyToken"));
    }

    // ---- the sandbox's messaging rules ----

    private Answer sandboxSend(JsonObject number, String to, String text) {
        byte[] body = Json.createObjectBuilder().add("messaging_product", "whatsapp").add("recipient_type", "individual")
                .add("to", to).add("type", "text").add("text", Json.createObjectBuilder().add("body", text))
                .build().toString().getBytes(StandardCharsets.UTF_8);
        return sandbox().postBytes("/sandbox/graph/v24.0/" + number.getString("phoneNumberId") + "/messages", body,
                "Authorization", "Bearer " + number.getString("accessToken"));
    }

    /** Waits for the sandbox's asynchronous status webhook to be stored; answers the statuses stored for the wamid. */
    private static String statusesOf(String wamid, String expectedLast) throws InterruptedException {
        String statuses = "";
        for (int i = 0; i < 100 && !statuses.endsWith(expectedLast); i++) {
            Thread.sleep(100);
            statuses = String.join(",", TestDatabase.strings("select payload->'status'->>'status' from whatsapp.webhook_event"
                    + " where kind = 'STATUS' and wamid = ? order by id", wamid));
        }
        return statuses;
    }

    @Test
    void theSandboxFailsFreeTextOutsideTheWindowAndDeliversInsideIt() throws Exception {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        connect(manual(number, number.getString("accessToken")));
        String customer = seeds.japaneseMobile();

        Answer cold = sandboxSend(number, "+" + customer, "Are you still interested?");
        assertEquals(200, cold.status(), cold.body());
        String coldWamid = cold.json().getJsonArray("messages").getJsonObject(0).getString("id");
        assertEquals("failed", statusesOf(coldWamid, "failed"), "no window: Meta accepts, then fails the message");
        assertEquals(1, TestDatabase.number("select count(*) from whatsapp.webhook_event where wamid = ?"
                + " and payload->'status'->'errors'->0->>'code' = '131047'", coldWamid));

        sandbox().post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", number.getString("phoneNumberId")).add("type", "text").add("text", "Yes!").build());
        Answer warm = sandboxSend(number, "+" + customer, "Great, here is the offer");
        String warmWamid = warm.json().getJsonArray("messages").getJsonObject(0).getString("id");
        assertEquals("sent,delivered", statusesOf(warmWamid, "delivered"));

        java.util.List<String> sent = sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream()
                .map(v -> v.asJsonObject().getString("wamid")).filter(w -> w.equals(coldWamid) || w.equals(warmWamid)).toList();
        assertEquals(java.util.List.of(coldWamid, warmWamid), sent, "the sandbox records what it received, in order");
    }

    @Test
    void theSandboxLimitsEachNumbersThroughput() {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        // A bucket of a second's worth, refilled smoothly: however long a burst takes, no more pass than the bucket holds
        // and what flowed into it meanwhile.
        int configured = Integer.getInteger("it.sandbox.throughput", 5);
        Burst burst = burst(number, 12);
        assertTrue(burst.accepted() <= configured + Math.ceil(configured * burst.seconds()),
                burst.accepted() + " of 12 passed in " + burst.seconds() + " s at " + configured + " a second");

        // At one a second a burst meets Meta's 130429 unless each send took a whole second.
        assertEquals(204, sandbox().put("/sandbox/api/numbers/" + number.getString("phoneNumberId") + "/throughput",
                Json.createObjectBuilder().add("messagesPerSecond", 1).build()).status());
        Burst slow = burst(number, 12);
        assertTrue(slow.limited() > 0, "a burst over one message a second meets 130429");
        assertTrue(slow.accepted() <= 1 + Math.ceil(slow.seconds()), slow.accepted() + " passed in " + slow.seconds() + " s");
    }

    private record Burst(int accepted, int limited, double seconds) {
    }

    /** Sends {@code count} messages as fast as the sandbox answers; each is taken or refused with Meta's 130429. */
    private Burst burst(JsonObject number, int count) {
        int limited = 0;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Answer answer = sandboxSend(number, "+819011112222", "burst " + i);
            if (answer.status() == 400) {
                assertEquals(130429, answer.json().getJsonObject("error").getInt("code"), answer.body());
                limited++;
            } else {
                assertEquals(200, answer.status(), answer.body());
            }
        }
        return new Burst(count - limited, limited, (System.nanoTime() - started) / 1e9);
    }

    private Answer submitTemplate(JsonObject number, String name, String language, String category, String body) {
        var component = Json.createObjectBuilder().add("type", "BODY").add("text", body);
        if (body.contains("{{1}}")) {
            component.add("example", Json.createObjectBuilder().add("body_text",
                    Json.createArrayBuilder().add(Json.createArrayBuilder().add("Hanako"))));
        }
        byte[] request = Json.createObjectBuilder().add("name", name).add("language", language).add("category", category)
                .add("components", Json.createArrayBuilder().add(component)).build().toString().getBytes(StandardCharsets.UTF_8);
        return sandbox().postBytes("/sandbox/graph/v24.0/" + number.getString("wabaId") + "/message_templates", request,
                "Authorization", "Bearer " + number.getString("accessToken"));
    }

    /** Waits for the review's webhook; answers "EVENT REASON" as stored. */
    private static String reviewOf(String templateId) throws InterruptedException {
        java.util.List<String> reviews = java.util.List.of();
        for (int i = 0; i < 100 && reviews.isEmpty(); i++) {
            Thread.sleep(100);
            reviews = TestDatabase.strings("select (payload->'value'->>'event') || ' ' || (payload->'value'->>'reason')"
                    + " from whatsapp.webhook_event where kind = 'TEMPLATE_STATUS'"
                    + " and payload->'value'->>'message_template_id' = ?", templateId);
        }
        return reviews.isEmpty() ? "no review" : reviews.get(0);
    }

    @Test
    void theSandboxReviewsTemplatesLikeMeta() throws Exception {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        connect(manual(number, number.getString("accessToken")));

        Answer fine = submitTemplate(number, "order_shipped", "en_US", "UTILITY", "Hi {{1}}, your order has shipped.");
        assertEquals("PENDING", fine.json().getString("status"), fine.body());
        Answer promotion = submitTemplate(number, "summer_news", "en_US", "UTILITY", "Summer sale: 50% off everything this week.");
        Answer spam = submitTemplate(number, "spam_blast", "en_US", "MARKETING", "Act now and click here!!!");
        Answer mismatch = submitTemplate(number, "wrong_language", "ja", "UTILITY", "Your appointment is tomorrow.");

        assertEquals("APPROVED NONE", reviewOf(fine.json().getString("id")));
        assertEquals("REJECTED INCORRECT_CATEGORY", reviewOf(promotion.json().getString("id")));
        assertEquals("REJECTED PROMOTIONAL", reviewOf(spam.json().getString("id")));
        assertEquals("REJECTED TAG_CONTENT_MISMATCH", reviewOf(mismatch.json().getString("id")));

        Answer variableFirst = submitTemplate(number, "bad_start", "en_US", "UTILITY", "{{1}} is your code.");
        assertEquals(400, variableFirst.status());
        assertEquals(100, variableFirst.json().getJsonObject("error").getInt("code"));
        assertEquals(400, submitTemplate(number, "order_shipped", "en_US", "UTILITY", "Again {{1}} here.").status(),
                "a name exists once per language");

        String bearer = "Bearer " + number.getString("accessToken");
        String templates = "/sandbox/graph/v24.0/" + number.getString("wabaId") + "/message_templates";
        JsonObject firstPage = sandbox().getWith(templates + "?limit=3", "Authorization", bearer).json();
        assertEquals(3, firstPage.getJsonArray("data").size());
        String after = firstPage.getJsonObject("paging").getJsonObject("cursors").getString("after");
        assertTrue(firstPage.getJsonObject("paging").containsKey("next"));
        JsonObject secondPage = sandbox().getWith(templates + "?limit=3&after=" + after, "Authorization", bearer).json();
        assertEquals(1, secondPage.getJsonArray("data").size());
        assertFalse(secondPage.getJsonObject("paging").containsKey("next"));

        assertEquals(200, sandbox().getWith(templates + "?name=spam_blast", "Authorization", bearer).status());
        assertEquals(200, sandbox().deleteWith(templates + "?name=spam_blast", "Authorization", bearer).status());
        assertEquals(3, sandbox().getWith(templates + "?limit=10", "Authorization", bearer).json().getJsonArray("data").size());
    }

    private static byte[] templateSend(String name, jakarta.json.JsonArrayBuilder components) {
        return Json.createObjectBuilder().add("messaging_product", "whatsapp").add("to", "+819012340000")
                .add("type", "template").add("template", Json.createObjectBuilder().add("name", name)
                        .add("language", Json.createObjectBuilder().add("code", "en_US")).add("components", components))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSandboxSendsOnlyApprovedTemplates() throws Exception {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        connect(manual(number, number.getString("accessToken")));
        String id = submitTemplate(number, "visit_reminder", "en_US", "UTILITY", "Hi {{1}}, see you tomorrow at ten.")
                .json().getString("id");
        byte[] send = templateSend("visit_reminder", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("type", "body").add("parameters", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "text").add("text", "Hanako")))));
        String path = "/sandbox/graph/v24.0/" + number.getString("phoneNumberId") + "/messages";
        String bearer = "Bearer " + number.getString("accessToken");

        Answer early = sandbox().postBytes(path, send, "Authorization", bearer);
        assertEquals(404, early.status(), "not approved yet");
        assertEquals(132001, early.json().getJsonObject("error").getInt("code"));
        assertEquals("APPROVED NONE", reviewOf(id));
        Answer withoutItsValue = sandbox().postBytes(path, templateSend("visit_reminder", Json.createArrayBuilder()),
                "Authorization", bearer);
        assertEquals(400, withoutItsValue.status());
        assertEquals(132000, withoutItsValue.json().getJsonObject("error").getInt("code"), "every variable must be given");
        Answer approved = sandbox().postBytes(path, send, "Authorization", bearer);
        assertEquals(200, approved.status(), approved.body());
        String wamid = approved.json().getJsonArray("messages").getJsonObject(0).getString("id");
        assertEquals("sent,delivered", statusesOf(wamid, "delivered"), "a template opens a conversation without a window");
    }

    @Test
    void theSandboxUploadsAndServesMediaThroughExpiringUrls() throws Exception {
        JsonObject number = sandbox().post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        String bearer = "Bearer " + number.getString("accessToken");
        byte[] pdf = "%PDF-1.4\n% quote\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String boundary = "sandbox-boundary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\napplication/pdf\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"quote.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        java.io.ByteArrayOutputStream multipart = new java.io.ByteArrayOutputStream();
        multipart.write(head.getBytes(StandardCharsets.US_ASCII));
        multipart.write(pdf);
        multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Answer uploaded = sandbox().postBytesAs("/sandbox/graph/v24.0/" + number.getString("phoneNumberId") + "/media",
                "multipart/form-data; boundary=" + boundary, multipart.toByteArray(), "Authorization", bearer);
        assertEquals(200, uploaded.status(), uploaded.body());
        String mediaId = uploaded.json().getString("id");

        JsonObject described = sandbox().getWith("/sandbox/graph/v24.0/" + mediaId, "Authorization", bearer).json();
        assertEquals("application/pdf", described.getString("mime_type"));
        assertEquals(pdf.length, described.getInt("file_size"));
        String url = described.getString("url");
        assertTrue(java.util.Arrays.equals(pdf, sandbox().download(url, bearer)), "the bytes come back as uploaded");
        assertEquals(401, sandbox().getWith(url.substring(url.indexOf("/sandbox/")), "Authorization", "Bearer wrong").status());

        sandbox().post("/sandbox/api/media/" + mediaId + "/expire-urls", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(404, sandbox().getWith(url.substring(url.indexOf("/sandbox/")), "Authorization", bearer).status(),
                "an expired URL is gone");
        String fresh = sandbox().getWith("/sandbox/graph/v24.0/" + mediaId, "Authorization", bearer).json().getString("url");
        assertTrue(java.util.Arrays.equals(pdf, sandbox().download(fresh, bearer)), "a fresh URL works again");
    }

    // ---- the webhook contract ----

    private Answer postWebhook(byte[] body) {
        return sandbox().postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));
    }

    /**
     * Posts over a plain socket and reads the answer even if the server answers before taking the whole body
     * (as it does for an oversized one), which Java's HTTP client would wait out.
     */
    private String rawPost(String path, byte[] body, String signature) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: " + signature + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            try {
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
            } catch (java.io.IOException closedEarly) {
                // the server refused the body; its answer is read below
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long events() {
        return TestDatabase.number("select count(*) from whatsapp.webhook_event");
    }

    @Test
    void theVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        Answer ok = sandbox().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                + EmbeddedDatabaseSession.VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertEquals(200, ok.status());
        assertEquals("1158201444", ok.body());
        assertTrue(ok.contentType().startsWith("text/plain"));
        assertEquals(403, sandbox().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1").status());
    }

    @Test
    void aSignedMultiEntryBatchIsStoredWholeAndADuplicateOnce() {
        JsonObject first = sandboxChannel();
        JsonObject second = sandboxChannel();
        String a = Webhooks.newWamid();
        String b = Webhooks.newWamid();
        String sent = Webhooks.newWamid();
        byte[] batch = Webhooks.envelope(
                Webhooks.entry(first.getString("wabaId"), first.getString("phoneNumberId"),
                        Json.createArrayBuilder().add(Webhooks.textMessage("819011112222", a, "こんにちは"))
                                .add(Webhooks.textMessage("819011112222", b, "second")),
                        Json.createArrayBuilder().add(Webhooks.status(sent, "sent")).add(Webhooks.status(sent, "delivered"))),
                Webhooks.entry(second.getString("wabaId"), second.getString("phoneNumberId"),
                        Json.createArrayBuilder().add(Webhooks.textMessage("819033334444", Webhooks.newWamid(), "other number")),
                        Json.createArrayBuilder()));
        long before = events();

        Answer delivered = postWebhook(batch);
        assertEquals(200, delivered.status(), delivered.body());
        assertEquals(5, delivered.json().getInt("stored"));
        assertEquals(before + 5, events());
        assertEquals(1, TestDatabase.number("select count(*) from whatsapp.webhook_event where wamid = ? and kind = 'MESSAGE'"
                + " and payload->'message'->'text'->>'body' = 'こんにちは'", a));

        Answer again = postWebhook(batch);
        assertEquals(200, again.status());
        assertEquals(5, again.json().getInt("duplicates"));
        assertEquals(before + 5, events(), "a redelivery stores nothing new");
    }

    @Test
    void badDeliveriesAreRefusedAndStoreNothing() throws Exception {
        JsonObject channel = sandboxChannel();
        byte[] body = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(Webhooks.textMessage("819011112222", Webhooks.newWamid(), "hi")),
                Json.createArrayBuilder()));
        long before = events();

        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length - 5] = (byte) ' ';
        Answer forged = sandbox().postBytes("/webhooks/whatsapp", tampered, "X-Hub-Signature-256", Webhooks.signature(body));
        assertEquals(401, forged.status());
        assertEquals("INVALID_SIGNATURE", forged.code());

        Answer unsigned = sandbox().postBytes("/webhooks/whatsapp", body);
        assertEquals(401, unsigned.status());

        byte[] notJson = "{\"object\": whatsapp".getBytes(StandardCharsets.UTF_8);
        Answer malformed = postWebhook(notJson);
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_PAYLOAD", malformed.code());

        byte[] huge = new byte[3 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        String oversized = rawPost("/webhooks/whatsapp", huge, Webhooks.signature(huge));
        assertTrue(oversized.startsWith("HTTP/1.1 413"), oversized);
        assertTrue(oversized.contains("PAYLOAD_TOO_LARGE"), oversized);

        assertEquals(before, events(), "nothing is stored for a refused delivery");
        assertEquals(200, postWebhook(body).status(), "the server stays healthy and takes the genuine one");
        assertEquals(before + 1, events());
    }

    @Test
    void anUnknownNumberIsAcknowledgedAndIgnored() {
        long before = events();
        byte[] body = Webhooks.envelope(Webhooks.entry("1", "000000000000",
                Json.createArrayBuilder().add(Webhooks.textMessage("819011112222", Webhooks.newWamid(), "hi")),
                Json.createArrayBuilder()));
        Answer answer = postWebhook(body);
        assertEquals(200, answer.status());
        assertEquals(1, answer.json().getInt("ignored"));
        assertEquals(before, events());
    }

    @Test
    void theSandboxCustomerSendsSignedWebhooksThatAreStored() {
        JsonObject channel = sandboxChannel();
        Answer sent = sandbox().post("/sandbox/api/customers/819055556666/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Keiko")
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "text").add("text", "在庫はありますか？"))
                        .add(Json.createObjectBuilder().add("type", "location"))
                        .add(Json.createObjectBuilder().add("type", "document").add("fileName", "order.pdf")))
                .build());
        assertEquals(200, sent.status(), sent.body());
        assertEquals(200, sent.json().getInt("webhookStatus"));
        String wamid = sent.json().getJsonArray("wamids").getString(0);
        assertEquals(1, TestDatabase.number("select count(*) from whatsapp.webhook_event where wamid = ?"
                + " and payload->'message'->'text'->>'body' = '在庫はありますか？' and payload->'contact'->'profile'->>'name' = 'Keiko'",
                wamid), "non-ASCII arrives escaped, is verified on the raw bytes and stored as text");
        assertEquals(3, TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?",
                channel.getInt("id")));
    }
}
