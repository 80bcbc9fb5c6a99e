package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.SecondServer;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server killed outright ({@code SIGKILL}) while Meta delivers about 500 messages a second loses none it acknowledged:
 * after the restart every acknowledged message is stored, once, in its chat. The plugin runs on a second server with a
 * database of its own; the test plays Meta, signing its deliveries with the app secret.
 */
@ExtendWith(ArquillianExtension.class)
class IntakeCrashIT {
    private static final int SENDERS = 4;
    private static final int MESSAGES_PER_DELIVERY = 5;
    /** Each sender's pause between deliveries: 4 senders × 5 messages × 25 a second = 500 messages a second. */
    private static final Duration PAUSE = Duration.ofMillis(40);

    @ArquillianResource
    URL meta;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void everyAcknowledgedMessageIsThereAfterAKillUnderLoad() throws Exception {
        JsonObject number = ApiClient.sandbox(meta).post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        String database = TestDatabase.createDatabase("intake_" + UUID.randomUUID().toString().substring(0, 8));
        try (SecondServer plugin = new SecondServer("intake-node", SecondServer.pluginSettings(database, meta))) {
            plugin.start();
            plugin.connectNumber(number, "Busy");

            URI webhook = plugin.base().resolve("webhooks/whatsapp");
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean delivering = new AtomicBoolean(true);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                running.add(senders.submit(() -> {
                    for (int round = 0; delivering.get(); round++) {
                        JsonArrayBuilder batch = Json.createArrayBuilder();
                        List<String> wamids = new java.util.ArrayList<>();
                        for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
                            String wamid = Webhooks.newWamid();
                            wamids.add(wamid);
                            batch.add(Webhooks.textMessage(Long.toString(819_080_000_000L + sender * 100 + i), wamid,
                                    "Busy " + round));
                        }
                        byte[] body = Webhooks.envelope(Webhooks.entry(number.getString("wabaId"),
                                number.getString("phoneNumberId"), batch, Json.createArrayBuilder()));
                        try {
                            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", Webhooks.signature(body))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                            if (answer.statusCode() == 200) {
                                acknowledged.addAll(wamids);
                            }
                        } catch (java.io.IOException refusedOrCut) {
                            // The server is dead: Meta would deliver again later; this delivery was not acknowledged.
                        }
                        Thread.sleep(PAUSE.toMillis());
                    }
                    return null;
                }));
            }
            eventually("deliveries acknowledged", 20, () -> acknowledged.size() >= 1_000);
            plugin.kill();
            int acknowledgedBeforeTheKill = acknowledged.size();
            Thread.sleep(500);
            delivering.set(false);
            for (Future<?> sender : running) {
                sender.get();
            }
            senders.shutdown();
            assertEquals(acknowledgedBeforeTheKill, acknowledged.size(), "a dead server acknowledges nothing");

            plugin.start();
            String stored = "select count(*) from whatsapp.message where wamid = any(string_to_array(?, ','))";
            String wamids = String.join(",", acknowledged);
            eventually("every acknowledged message stored and processed after the restart", 120,
                    () -> TestDatabase.numberIn(database, stored, wamids) == acknowledged.size());
            assertEquals(acknowledged.size(), TestDatabase.numberIn(database, "select count(distinct wamid) from whatsapp.message"
                    + " where wamid = any(string_to_array(?, ','))", wamids), "each once");
            assertEquals(SENDERS * MESSAGES_PER_DELIVERY, TestDatabase.numberIn(database,
                    "select count(*) from whatsapp.conversation"), "one chat a customer");
            assertTrue(TestDatabase.numberIn(database, "select count(*) from whatsapp.webhook_event where processed_at is null")
                    == 0, "nothing left unprocessed");
        }
    }
}
