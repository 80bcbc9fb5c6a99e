package io.crmkit.it.bench;

import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
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
 * How fast the webhook intake stores what Meta delivers: signed batches of inbound messages and of statuses posted
 * by several concurrent senders as fast as they are acknowledged, for a fixed time, on loopback; and the same rows
 * inserted with plain JDBC into the same PostgreSQL, the machine's limit. Prints events per second, delivery
 * latencies and the ratio of the two. Run with {@code bin/bench}.
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
        JsonObject channel = Organisations.sandboxChannel(base, "Benchmark");
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
        // Whether any waits, rather than how many: counting a large backlog five times a second would take the
        // processing's share of the machine.
        String anyWaiting = "select count(*) from (select 1 from whatsapp.webhook_event where channel_id = ?"
                + " and processed_at is null and parked_at is null limit 1) waiting";
        while (TestDatabase.number(anyWaiting, channel.getInt("id")) > 0
                && System.nanoTime() - runEnded < Duration.ofSeconds(180).toNanos()) {
            Thread.sleep(200);
        }
        long left = TestDatabase.number(backlog, channel.getInt("id"));
        double catchUp = (System.nanoTime() - runEnded) / 1e9;
        System.out.printf("  processing caught up %.1f s after the run (%d events left): %.0f events/s processed over run and"
                + " catch-up, %.0f events/s once the intake stopped%n", catchUp, left, stored / (seconds + catchUp),
                (backlogAtEnd - left) / catchUp);
        assertEquals(0, left, "processing caught up within 180 s");

        double plainRowsPerSecond = plainInsertRate(channel, RUN);
        double storedPerSecond = (messages.get() + statuses.get()) / seconds;
        System.out.printf("  plain JDBC batch insert of the same rows: %.0f rows/s; stored and acknowledged events per"
                + " second divided by it: %.2f%n", plainRowsPerSecond, storedPerSecond / plainRowsPerSecond);
        BenchResults.write("intake", Json.createObjectBuilder().add("senders", SENDERS).add("run_seconds", seconds)
                .add("plain_jdbc_rows_per_second", Math.round(plainRowsPerSecond))
                .add("ratio_to_plain_insert", Math.round(storedPerSecond / plainRowsPerSecond * 100) / 100.0)
                .add("messages_per_second", Math.round(messages.get() / seconds))
                .add("statuses_per_second", Math.round(statuses.get() / seconds))
                .add("ack_p50_ms", BenchResults.round(percentile(sorted, 0.50)))
                .add("ack_p99_ms", BenchResults.round(percentile(sorted, 0.99))).add("failures", failures.get())
                .add("processing_catch_up_seconds", BenchResults.round(catchUp))
                .add("processed_events_per_second_overall", Math.round(stored / (seconds + catchUp)))
                .add("processed_events_per_second_after_intake", Math.round((backlogAtEnd - left) / catchUp)).build());
    }

    /**
     * The limit of this machine: the same rows (payloads, batches of 20 and 60, senders) inserted with plain JDBC batches
     * into a copy of the event table in the same PostgreSQL, for as long as the deliveries ran. Answers rows a second.
     */
    private static double plainInsertRate(JsonObject channel, Duration duration) throws Exception {
        TestDatabase.update("create table if not exists public.plain_insert (like whatsapp.webhook_event including all)");
        long organisation = TestDatabase.number("select organisation_id from whatsapp.channel where id = ?", channel.getInt("id"));
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger rows = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            running.add(senders.submit(() -> {
                try (java.sql.Connection connection = TestDatabase.connect();
                     java.sql.PreparedStatement insert = connection.prepareStatement("""
                             insert into public.plain_insert
                               (organisation_id, channel_id, kind, dedupe_key, wamid, occurred_at, payload, received_at)
                             values (?, ?, ?, ?, ?, now(), cast(? as jsonb), now())
                             on conflict (dedupe_key) do nothing""")) {
                    for (int round = 0; System.nanoTime() < deadline; round++) {
                        boolean statusBatch = round % 2 != 0;
                        List<JsonObject> events = (statusBatch ? statusEvents() : messageEvents(sender));
                        for (JsonObject event : events) {
                            String wamid = event.getString("id");
                            insert.setLong(1, organisation);
                            insert.setInt(2, channel.getInt("id"));
                            insert.setString(3, statusBatch ? "STATUS" : "MESSAGE");
                            insert.setString(4, (statusBatch ? "status:" + event.getString("status") + ":" : "message:") + wamid);
                            insert.setString(5, wamid);
                            insert.setString(6, Json.createObjectBuilder().add(statusBatch ? "status" : "message", event)
                                    .build().toString());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        rows.addAndGet(events.size());
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get();
        }
        senders.shutdown();
        TestDatabase.update("drop table public.plain_insert");
        return rows.get() / (duration.toMillis() / 1000.0);
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

    private static List<JsonObject> messageEvents(int sender) {
        List<JsonObject> events = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
            events.add(Webhooks.textMessage("8190" + (10_000_000 + sender * 1_000 + i), Webhooks.newWamid(),
                    "Benchmark message " + i));
        }
        return events;
    }

    /** Sent, delivered and read of messages to as many customers. */
    private static List<JsonObject> statusEvents() {
        List<JsonObject> events = new ArrayList<>();
        for (int i = 0; i < STATUSES_PER_DELIVERY; i += 3) {
            String wamid = Webhooks.newWamid();
            String recipient = "8190" + (20_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000));
            events.add(Webhooks.status(wamid, "sent", recipient));
            events.add(Webhooks.status(wamid, "delivered", recipient));
            events.add(Webhooks.status(wamid, "read", recipient));
        }
        return events;
    }

    private static byte[] messageBatch(JsonObject channel, int sender) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        messageEvents(sender).forEach(batch::add);
        return Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"), batch,
                Json.createArrayBuilder()));
    }

    private static byte[] statusBatch(JsonObject channel) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        statusEvents().forEach(batch::add);
        return Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder(), batch));
    }
}
