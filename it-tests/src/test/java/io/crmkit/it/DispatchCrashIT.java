package io.crmkit.it;

import com.sun.net.httpserver.HttpServer;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.SecondServer;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.whatsapp.testing.SampleFiles;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a restart must not break. A server killed while it dispatches loses no answer and sends none twice: the
 * Arquillian-managed server plays Meta with its sandbox; the plugin under test runs on a second server with a
 * database of its own, connected to that sandbox like to Meta, and is killed outright ({@code SIGKILL}) with answers
 * in flight. And a demo on the built-in sandbox keeps working after the server starts again.
 */
@ExtendWith(ArquillianExtension.class)
class DispatchCrashIT {

    @ArquillianResource
    URL meta;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @AfterEach
    void clearFaults() {
        ApiClient.sandbox(meta).delete("/sandbox/api/faults");
    }

    @Test
    void answersInFlightWhenTheServerIsKilledEndSentExactlyOnceOrFailedWithAReason() throws Exception {
        ApiClient sandbox = ApiClient.sandbox(meta);
        JsonObject number = sandbox.post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        String database = TestDatabase.createDatabase("crash_" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> settings = SecondServer.pluginSettings(database, meta);
        settings.put("whatsapp.outbox.unknown-outcome-after-seconds", "45");
        try (SecondServer plugin = new SecondServer("crashing-node", settings)) {
            plugin.start();
            sandbox.put("/sandbox/api/accounts/" + number.getString("wabaId") + "/callback-url",
                    Json.createObjectBuilder().add("callbackUrl", plugin.publicAddress().resolve("webhooks/whatsapp").toString()).build());
            ApiClient admin = ApiClient.as(plugin.url(), "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
            plugin.connectNumber(number, "Crash");

            sandbox.post("/sandbox/api/customers/819066612345/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", number.getString("phoneNumberId")).add("name", "Crash Customer")
                    .add("type", "text").add("text", "Is my order on its way?").build());
            eventually("the conversation on the plugin's server", 20,
                    () -> TestDatabase.numberIn(database, "select count(*) from whatsapp.conversation") == 1);
            long conversation = TestDatabase.numberIn(database, "select id from whatsapp.conversation");

            // Meta answers every send slowly, so that answers are in flight when the server dies.
            sandbox.post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages").add("status", 200)
                    .add("errorCode", 0).add("delayMs", 1_500).add("count", 1_000).build());
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "Crash answer " + i + " " + UUID.randomUUID();
                texts.add(text);
                assertEquals(202, admin.post("/api/whatsapp/conversations/" + conversation + "/messages",
                        Json.createObjectBuilder().add("text", text).build()).status());
            }
            // Kill once some answers are sent and Meta is holding the request of the next one, whose answer never comes.
            String sendPath = number.getString("phoneNumberId") + "/messages";
            String answeredSql = "select count(*) from whatsapp.message where wamid is not null and direction = 'OUT'";
            eventually("some sent and one in Meta's hands", 30, () -> {
                long answered = TestDatabase.numberIn(database, answeredSql);
                long requested = sandbox.get("/sandbox/api/requests?method=POST&path=" + sendPath).json().getJsonNumber("count").longValue();
                return answered >= 2 && requested == answered + 1 && TestDatabase.numberIn(database, answeredSql) == answered;
            });
            String inFlight = TestDatabase.stringsIn(database, "select text from whatsapp.message where dispatching_since is not null").get(0);
            plugin.kill();
            sandbox.delete("/sandbox/api/faults");

            plugin.start();
            eventually("every answer settled after the restart", 120, () -> TestDatabase.numberIn(database,
                    "select count(*) from whatsapp.message where direction = 'OUT' and status = 'QUEUED'") == 0);

            List<JsonObject> received = sandbox.get("/sandbox/api/sent").structure().asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(m -> m.getString("phoneNumberId").equals(number.getString("phoneNumberId")))
                    .toList();
            for (String text : texts) {
                long copies = received.stream().filter(m -> text.equals(m.getJsonObject("body").getJsonObject("text").getString("body"))).count();
                String status = TestDatabase.stringsIn(database, "select status from whatsapp.message where text = ?", text).get(0);
                assertTrue(copies <= 1, text + " reached Meta " + copies + " times");
                if (status.equals("FAILED")) {
                    assertFalse(TestDatabase.stringsIn(database, "select error_detail from whatsapp.message where text = ?", text)
                            .get(0).isBlank(), text + " failed without a reason");
                } else {
                    assertEquals(1, copies, text + " is " + status + " but Meta has no copy");
                }
            }
            assertEquals("DELIVERED", TestDatabase.stringsIn(database, "select status from whatsapp.message where text = ?", inFlight).get(0),
                    "the answer in flight at the kill was taken by Meta, and its status webhooks, delivered again once the"
                            + " server was back, settled it without a second copy");
            List<String> order = received.stream().map(m -> m.getJsonObject("body").getJsonObject("text").getString("body"))
                    .filter(texts::contains).toList();
            assertEquals(texts.stream().filter(order::contains).toList(), order, "sent in the order they were written");
        }
    }

    @Test
    void aDemoOnTheBuiltInSandboxKeepsWorkingAfterARestart() throws Exception {
        String database = TestDatabase.createDatabase("demo_" + UUID.randomUUID().toString().substring(0, 8));
        try (SecondServer demo = new SecondServer("demo-node", Map.of(
                "db.url", database, "db.user", "postgres", "db.password", "postgres",
                "crm.admin.password", EmbeddedDatabaseSession.ADMIN_PASSWORD,
                "whatsapp.sandbox.enabled", "true", "whatsapp.sandbox.test-key", ApiClient.SANDBOX_TEST_KEY));
             WebhookReceiver down = new WebhookReceiver()) {
            demo.start();
            ApiClient admin = ApiClient.as(demo.url(), "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
            ApiClient sandbox = ApiClient.sandbox(demo.url());
            long adminId = admin.get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
            JsonObject channel = admin.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                    .add("name", "Demo").add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json();
            String phoneNumberId = channel.getString("phoneNumberId");
            admin.post("/sandbox/api/customers/819012398765/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", phoneNumberId).add("name", "Demo Customer").add("type", "text")
                    .add("text", "Before the restart").build());
            eventually("the conversation", 20, () -> TestDatabase.numberIn(database, "select count(*) from whatsapp.conversation") == 1);
            long conversation = TestDatabase.numberIn(database, "select id from whatsapp.conversation");
            byte[] pdf = SampleFiles.pdf();
            assertEquals(202, admin.postFile("/api/whatsapp/conversations/" + conversation + "/messages", "price list.pdf", pdf)
                    .status());
            eventually("the file sent", 30, () -> sandbox.get("/sandbox/api/sent").body().contains("price list.pdf"));
            String mediumId = sandbox.get("/sandbox/api/sent").structure().asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(sent -> sent.containsKey("media"))
                    .map(sent -> sent.getJsonObject("media").getString("id")).findFirst().orElseThrow();
            // The plugin's webhook receiver is down: the sandbox keeps retrying what the customer writes meanwhile.
            assertEquals(204, sandbox.put("/sandbox/api/accounts/" + channel.getString("wabaId") + "/callback-url",
                    Json.createObjectBuilder().add("callbackUrl", down.url()).build()).status());
            String whileDown = "While the receiver was down " + UUID.randomUUID();
            admin.post("/sandbox/api/customers/819012398765/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", phoneNumberId).add("name", "Demo Customer").add("type", "text")
                    .add("text", whileDown).build());
            eventually("a refused delivery", 20, () -> down.refused() > 0);

            demo.kill();
            down.startTaking();
            demo.start();

            assertTrue(admin.get("/sandbox/api/numbers").body().contains(phoneNumberId), "the sandbox still knows the number");
            assertEquals(200, admin.post("/api/whatsapp/channels/" + channel.getInt("id") + "/check", JsonValue.EMPTY_JSON_OBJECT)
                    .status(), "its token still works");
            assertArrayEquals(pdf, sandbox.getBytes("/sandbox/api/media/" + mediumId + "/content"),
                    "the sandbox still has the file the business sent");
            eventually("the delivery the receiver missed, taken after the restart", 30,
                    () -> down.taken().stream().anyMatch(body -> body.contains(whileDown)));
            String answer = "After the restart " + UUID.randomUUID();
            assertEquals(202, admin.post("/api/whatsapp/conversations/" + conversation + "/messages",
                    Json.createObjectBuilder().add("text", answer).build()).status());
            eventually("the answer delivered", 30, () -> TestDatabase.stringsIn(database,
                    "select status from whatsapp.message where text = ?", answer).equals(List.of("DELIVERED")));
            admin.post("/sandbox/api/customers/819012398765/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", phoneNumberId).add("name", "Demo Customer").add("type", "text")
                    .add("text", "And after it").build());
            eventually("the customer's next message", 20, () -> TestDatabase.numberIn(database,
                    "select count(*) from whatsapp.message where direction = 'IN'") == 2);
        }
    }

    /**
     * A webhook receiver on this machine that refuses deliveries (503) until told to take them; it keeps the
     * bodies it took.
     */
    private static final class WebhookReceiver implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger refused = new AtomicInteger();
        private final List<String> taken = new CopyOnWriteArrayList<>();
        private volatile boolean taking;

        WebhookReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (taking) {
                    taken.add(new String(body, StandardCharsets.UTF_8));
                } else {
                    refused.incrementAndGet();
                }
                exchange.sendResponseHeaders(taking ? 200 : 503, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            try {
                return new java.net.URI("http", null, "127.0.0.1", server.getAddress().getPort(), "/hook", null, null).toString();
            } catch (java.net.URISyntaxException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        int refused() {
            return refused.get();
        }

        List<String> taken() {
            return taken;
        }

        void startTaking() {
            taking = true;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
