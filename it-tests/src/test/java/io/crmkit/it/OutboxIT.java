package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
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

import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers go through the outbox to the sandbox over HTTP: once, in order, or failed with a reason. */
@ExtendWith(ArquillianExtension.class)
class OutboxIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @AfterEach
    void clearFaults() {
        sandbox().delete("/sandbox/api/faults");
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private ApiClient sandbox() {
        return ApiClient.anonymous(base);
    }

    private static void eventually(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + seconds + " s: " + what);
    }

    /** A conversation whose customer wrote at {@code wroteAt}; answers its id. */
    private long conversation(Instant wroteAt) throws Exception {
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Outbox").add("assigneeIds", Json.createArrayBuilder().add(Organisations.administratorId(base)))
                .build()).json();
        String customer = "8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        String wamid = Webhooks.newWamid();
        JsonObject message = Json.createObjectBuilder(Webhooks.textMessage(customer, wamid, "Can you help?"))
                .add("timestamp", Long.toString(wroteAt.getEpochSecond())).build();
        byte[] body = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(message), Json.createArrayBuilder()));
        sandbox().postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));
        if (wroteAt.isAfter(Instant.now().minusSeconds(3600))) {
            // the sandbox knows the window from what the customer wrote through it
            sandbox().post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "text").add("text", "still there").build());
        }
        eventually("the conversation", 10, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        return TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
    }

    private Answer send(ApiClient who, long conversation, String text) {
        return who.post("/api/whatsapp/conversations/" + conversation + "/messages", Json.createObjectBuilder().add("text", text).build());
    }

    private static String status(String text) {
        List<String> statuses = TestDatabase.strings("select status from whatsapp.message where direction = 'OUT' and text = ?", text);
        return statuses.isEmpty() ? "MISSING" : statuses.get(0);
    }

    /** How many times the sandbox (Meta) received a message with this text. */
    private long receivedBySandbox(String text) {
        return sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonObject("body").containsKey("text")
                        && text.equals(m.getJsonObject("body").getJsonObject("text").getString("body", null)))
                .count();
    }

    @Test
    void anAnswerInsideTheWindowIsSentOnceAndItsTicksAdvance() throws Exception {
        long conversation = conversation(Instant.now());
        String text = "Yes, size M is in stock " + UUID.randomUUID();
        Answer queued = send(admin(), conversation, text);
        assertEquals(202, queued.status(), queued.body());
        assertEquals("QUEUED", queued.json().getString("status"));

        eventually("delivered", 20, () -> status(text).equals("DELIVERED"));
        assertEquals(1, receivedBySandbox(text));
        JsonObject shown = admin().get("/api/whatsapp/conversations/" + conversation + "/messages").structure().asJsonArray()
                .stream().map(JsonValue::asJsonObject).filter(m -> text.equals(m.getString("text", null))).findFirst().orElseThrow();
        assertEquals("OUT", shown.getString("direction"));
        assertTrue(shown.getString("wamid").startsWith("wamid."));
    }

    @Test
    void freeTextOutsideTheWindowIsRefusedAndNothingIsQueued() throws Exception {
        long conversation = conversation(Instant.now().minusSeconds(25 * 3600));
        long before = TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'");
        Answer refused = send(admin(), conversation, "Are you still interested?");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("WINDOW_CLOSED", refused.code());
        assertEquals(before, TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'"));
    }

    @Test
    void onlyUsersWhoMayReplyCanSend() throws Exception {
        long conversation = conversation(Instant.now());
        long before = TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'");
        for (String level : new String[]{"VIEW_ONLY", null}) {
            long profile = admin().post("/api/crm/profiles", Json.createObjectBuilder()
                    .add("name", "Outbox " + UUID.randomUUID().toString().substring(0, 6)).build()).id();
            if (level != null) {
                admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", level).build());
            }
            String username = "o" + UUID.randomUUID().toString().substring(0, 8);
            admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                    .add("profileId", profile).add("password", "outbox-password").build());
            Answer refused = send(ApiClient.as(base, username, "outbox-password"), conversation, "sneaky");
            assertEquals(403, refused.status(), level + ": " + refused.body());
        }
        assertEquals(404, send(Organisations.outsider(base), conversation, "other organisation").status());
        assertEquals(before, TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'"));
    }

    private void fault(int status, int errorCode, long delayMs, boolean drop, int count) {
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages").add("status", status)
                .add("errorCode", errorCode).add("delayMs", delayMs).add("drop", drop).add("count", count).build());
    }

    @Test
    void underInjectedFaultsEveryMessageIsSentExactlyOnceOrFailsWithAReason() throws Exception {
        long conversation = conversation(Instant.now());
        fault(500, 131000, 0, false, 2);
        fault(400, 130429, 0, false, 1);
        fault(200, 0, 5_000, false, 1);
        fault(200, 0, 0, true, 1);
        fault(500, 131000, 0, false, 1);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String text = "Answer " + i + " " + UUID.randomUUID();
            texts.add(text);
            assertEquals(202, send(admin(), conversation, text).status());
        }
        eventually("every message settled", 90, () -> texts.stream().noneMatch(t -> status(t).equals("QUEUED")));

        for (String text : texts) {
            long received = receivedBySandbox(text);
            String status = status(text);
            assertTrue(received <= 1, text + " reached Meta " + received + " times");
            if (status.equals("FAILED")) {
                assertFalse(TestDatabase.strings("select error_detail from whatsapp.message where text = ?", text).get(0).isBlank());
            } else {
                assertEquals(1, received, text + " is " + status + " but Meta has no copy");
            }
        }
        List<String> order = sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .map(m -> m.getJsonObject("body").getJsonObject("text").getString("body", "")).filter(texts::contains).toList();
        assertEquals(texts.stream().filter(order::contains).toList(), order, "sent in the order they were written");

        long failed = texts.stream().filter(t -> status(t).equals("FAILED")).count();
        if (failed > 0) {
            String retried = texts.stream().filter(t -> status(t).equals("FAILED")).findFirst().orElseThrow();
            long id = TestDatabase.number("select id from whatsapp.message where text = ?", retried);
            assertEquals(202, admin().post("/api/whatsapp/conversations/" + conversation + "/messages/" + id + "/retry",
                    JsonValue.EMPTY_JSON_OBJECT).status());
            eventually("the retry delivered", 20, () -> status(retried).equals("DELIVERED"));
            assertEquals(1, receivedBySandbox(retried));
        }
    }
}
