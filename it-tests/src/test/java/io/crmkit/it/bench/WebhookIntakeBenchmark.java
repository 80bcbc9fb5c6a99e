package io.crmkit.it.bench;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How fast the webhook intake stores what Meta delivers: signed batches of inbound messages and of
 * statuses posted by several concurrent senders for a fixed time, on loopback. Prints events per second
 * and delivery latencies. Run with {@code mvn -B verify -Pbenchmark -pl it-tests -am}.
 */
@ExtendWith(ArquillianExtension.class)
class WebhookIntakeBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofSeconds(15);
    private static final int SENDERS = 8;
    private static final int MESSAGES_PER_DELIVERY = 20;
    private static final int STATUSES_PER_DELIVERY = 60;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void storesMessagesAndStatusesAsFastAsMetaDeliversThem() throws Exception {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        long adminId = admin.get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
        JsonObject channel = admin.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Benchmark").add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json();
        URI webhook = URI.create(base.toString().replaceAll("/$", "") + "/webhooks/whatsapp");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        send(http, webhook, channel, WARM_UP, new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new ArrayList<>());
        long before = TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?", channel.getInt("id"));

        AtomicInteger messages = new AtomicInteger();
        AtomicInteger statuses = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        send(http, webhook, channel, RUN, messages, statuses, failures, latenciesMicros);

        double seconds = RUN.toMillis() / 1000.0;
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        long stored = TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?", channel.getInt("id"))
                - before;
        System.out.printf("%nWebhook intake benchmark: %d senders for %.0f s on loopback (after %d s of warm-up), %d messages or %d statuses a delivery%n",
                SENDERS, seconds, WARM_UP.toSeconds(), MESSAGES_PER_DELIVERY, STATUSES_PER_DELIVERY);
        System.out.printf("  inbound messages stored: %8.0f /s%n", messages.get() / seconds);
        System.out.printf("  statuses stored:         %8.0f /s%n", statuses.get() / seconds);
        System.out.printf("  deliveries: %d, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms, failures %d%n", sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0, failures.get());
        assertEquals(0, failures.get(), "every delivery was acknowledged");
        assertEquals(messages.get() + statuses.get(), stored, "every acknowledged event was stored");

        // Processing (contacts, conversations, statuses) runs behind the intake: how long until it has caught up.
        long runEnded = System.nanoTime();
        String backlog = "select count(*) from whatsapp.webhook_event where channel_id = ? and processed_at is null and parked_at is null";
        long backlogAtEnd = TestDatabase.number(backlog, channel.getInt("id"));
        long left = backlogAtEnd;
        while (left > 0 && System.nanoTime() - runEnded < Duration.ofSeconds(180).toNanos()) {
            Thread.sleep(200);
            left = TestDatabase.number(backlog, channel.getInt("id"));
        }
        double catchUp = (System.nanoTime() - runEnded) / 1e9;
        System.out.printf("  processing caught up %.1f s after the run (%d events left): %.0f events/s processed over run and"
                + " catch-up, %.0f events/s once the intake stopped%n", catchUp, left, stored / (seconds + catchUp),
                (backlogAtEnd - left) / catchUp);
        assertEquals(0, left, "processing caught up within 180 s");
        BenchResults.write("intake", Json.createObjectBuilder().add("senders", SENDERS).add("run_seconds", seconds)
                .add("messages_per_second", Math.round(messages.get() / seconds))
                .add("statuses_per_second", Math.round(statuses.get() / seconds))
                .add("ack_p50_ms", BenchResults.round(percentile(sorted, 0.50)))
                .add("ack_p99_ms", BenchResults.round(percentile(sorted, 0.99))).add("failures", failures.get())
                .add("processing_catch_up_seconds", BenchResults.round(catchUp))
                .add("processed_events_per_second_overall", Math.round(stored / (seconds + catchUp)))
                .add("processed_events_per_second_after_intake", Math.round((backlogAtEnd - left) / catchUp)).build());
    }

    /** Posts deliveries from all senders for a while, counting what was acknowledged. */
    private static void send(HttpClient http, URI webhook, JsonObject channel, Duration duration, AtomicInteger messages,
                             AtomicInteger statuses, AtomicInteger failures, List<Long> latenciesMicros) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            running.add(senders.submit(() -> {
                for (int round = 0; System.nanoTime() < deadline; round++) {
                    // Meta's mix: three statuses for every inbound message (deliveries of 20 messages and of 60
                    // statuses, taking turns).
                    boolean statusBatch = round % 2 != 0;
                    byte[] body = statusBatch ? statusBatch(channel) : messageBatch(channel, sender);
                    HttpRequest request = HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", Webhooks.signature(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long started = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        latenciesMicros.add((System.nanoTime() - started) / 1_000);
                        if (status != 200) {
                            failures.incrementAndGet();
                        } else if (statusBatch) {
                            statuses.addAndGet(STATUSES_PER_DELIVERY);
                        } else {
                            messages.addAndGet(MESSAGES_PER_DELIVERY);
                        }
                    } catch (Exception failed) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get();
        }
        senders.shutdown();
    }

    private static double percentile(List<Long> sorted, double fraction) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(fraction * (sorted.size() - 1)))) / 1000.0;
    }

    private static byte[] messageBatch(JsonObject channel, int sender) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
            batch.add(Webhooks.textMessage("8190" + (10_000_000 + sender * 1_000 + i), Webhooks.newWamid(),
                    "Benchmark message " + i));
        }
        return Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"), batch,
                Json.createArrayBuilder()));
    }

    private static byte[] statusBatch(JsonObject channel) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < STATUSES_PER_DELIVERY; i += 3) {
            String wamid = Webhooks.newWamid();
            batch.add(Webhooks.status(wamid, "sent")).add(Webhooks.status(wamid, "delivered")).add(Webhooks.status(wamid, "read"));
        }
        return Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder(), batch));
    }
}
