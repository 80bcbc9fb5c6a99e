package io.crmkit.it.bench;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.SecondServer;
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

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One number at Meta's ceiling: for a minute, signed webhooks at 1,000 inbound messages a second (half from new
 * numbers, half from customers who wrote before) and 3,000 statuses a second (sent, delivered and read of the
 * business's answers to its customers), paced as Meta delivers them, in deliveries of 20 messages or 60 statuses.
 * Meanwhile a probe delivers single messages, ten a second, and times their acknowledgement and the server-sent
 * event a browser receives for each. Prints and writes the events fully processed per second while the load runs,
 * the processing lag, the backlog, and the probe's latencies. Its length: {@code -Dbench.ceiling.seconds} (60).
 * <p>
 * The same load runs first as a warm-up, {@code -Dbench.ceiling.warm-up.seconds} (60), on the node: the
 * measured minute is that of a node in service, whose JIT has compiled its hot paths. What the node did in the
 * warm-up is written too, as {@code warm_up}: on nodes just started (the two nodes', or this scenario's when it runs
 * alone) it is what a start under full load costs.
 */
@ExtendWith(ArquillianExtension.class)
class MetaCeilingBenchmark {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.ceiling.seconds", 60));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.ceiling.warm-up.seconds", 60));
    private static final int DELIVERIES_PER_SECOND = 50;
    private static final int MESSAGES_PER_DELIVERY = 20;
    /** Sent, delivered and read of 20 answers. */
    private static final int ANSWERS_PER_DELIVERY = 20;
    private static final int KNOWN_CUSTOMERS = 500;
    private static final long KNOWN_NUMBERS = 819_060_000_000L;
    private static final String PROBE_CUSTOMER = "819069999999";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong newNumbers = new AtomicLong(819_070_000_000L);
    private final AtomicLong answers = new AtomicLong();
    private final AtomicInteger turn = new AtomicInteger();
    /** The nodes' webhook addresses, which deliveries take in turn, as a load balancer would. */
    private List<URI> webhooks;
    /** The node whose event stream the probe watches. */
    private URI events;
    private String database;
    private String wabaId;
    private String phoneNumberId;

    @Test
    void keepsUpWithOneNumberAtMetasCeiling() throws Exception {
        JsonObject channel = Organisations.sandboxChannel(base, "Ceiling");
        wabaId = channel.getString("wabaId");
        phoneNumberId = channel.getString("phoneNumberId");
        String root = base.toString().replaceAll("/$", "");
        webhooks = List.of(URI.create(root + "/webhooks/whatsapp"));
        events = URI.create(root + "/api/whatsapp/events");
        database = System.getProperty("it.db.url");
        measure("ceiling", channel.getJsonNumber("id").longValue());
    }

    /**
     * The same load spread over two nodes on one database, as the README runs them behind a load balancer, each
     * with the production JIT; the probe watches the events of the node its messages did not all go to.
     */
    @Test
    void keepsUpWithOneNumberAtMetasCeilingOnTwoNodes() throws Exception {
        JsonObject number = ApiClient.sandbox(base).post("/sandbox/api/test-numbers", jakarta.json.JsonValue.EMPTY_JSON_OBJECT)
                .json();
        database = TestDatabase.createDatabase("bench_nodes_" + System.nanoTime() % 100_000);
        byte[] encryptionKey = new byte[32];
        new java.security.SecureRandom().nextBytes(encryptionKey);
        Map<String, String> settings = SecondServer.pluginSettings(database, base);
        settings.put("whatsapp.encryption-key", Base64.getEncoder().encodeToString(encryptionKey));
        List<String> productionJit = List.of("-Xmx768m", "-XX:+UseSerialGC");
        try (SecondServer first = new SecondServer("bench-node-1", settings, productionJit);
             SecondServer second = new SecondServer("bench-node-2", settings, productionJit)) {
            first.start();
            second.start();
            JsonObject channel = first.connectNumber(number, "Ceiling on two nodes");
            wabaId = number.getString("wabaId");
            phoneNumberId = number.getString("phoneNumberId");
            webhooks = List.of(URI.create(first.base() + "webhooks/whatsapp"), URI.create(second.base() + "webhooks/whatsapp"));
            events = URI.create(second.base() + "api/whatsapp/events");
            measure("ceiling_two_nodes", channel.getJsonNumber("id").longValue());
        }
    }

    /** Runs the warm-up, then the measured load with its probe, and writes the figures as {@code scenario}. */
    private void measure(String scenario, long channelId) throws Exception {

        // The known customers wrote before, and the business answered each of them many times: the run's statuses
        // are those answers'.
        for (int first = 0; first < KNOWN_CUSTOMERS; first += MESSAGES_PER_DELIVERY) {
            JsonArrayBuilder batch = Json.createArrayBuilder();
            for (int i = first; i < first + MESSAGES_PER_DELIVERY; i++) {
                batch.add(Webhooks.textMessage(Long.toString(KNOWN_NUMBERS + i), Webhooks.newWamid(), "Hello"));
            }
            assertEquals(200, deliver(batch, Json.createArrayBuilder()).status());
        }
        eventually("the known customers' chats", 60, () -> TestDatabase.numberIn(database, 
                "select count(*) from whatsapp.conversation where channel_id = ?", channelId) == KNOWN_CUSTOMERS);
        long answersNeeded = (WARM_UP.toSeconds() + RUN.toSeconds() + 5) * DELIVERIES_PER_SECOND * ANSWERS_PER_DELIVERY;
        TestDatabase.updateIn(database, """
                insert into whatsapp.message (organisation_id, conversation_id, direction, type, text, status, status_at,
                                              sent_at, created_at, wamid)
                select c.organisation_id, c.id, 'OUT', 'text', 'Answer ' || n, 'SENT', now(), now(), now(), 'wamid.bench.' || n
                  from generate_series(0, ? - 1) n
                  join whatsapp.conversation c on c.channel_id = ? and c.customer_key = (? + n % ?)::text""",
                answersNeeded, channelId, KNOWN_NUMBERS, KNOWN_CUSTOMERS);
        // The answers came one by one in a real inbox, with the planner's statistics following; here they came at once.
        TestDatabase.updateIn(database, "analyze whatsapp.message");

        try (Probe probe = new Probe()) {
            probe.deliverOne();
            String probeChat = "select count(*) from whatsapp.conversation where channel_id = ? and customer_key = ?";
            eventually("the probe's chat", 30, () -> TestDatabase.numberIn(database, probeChat, channelId, PROBE_CUSTOMER) == 1);
            long probeConversation = TestDatabase.numberIn(database, "select id from whatsapp.conversation where channel_id = ?"
                    + " and customer_key = ?", channelId, PROBE_CUSTOMER);
            probe.watch(probeConversation);
            probe.forgetTheFirst();

            // Measured apart: in the first minute of a node's life its JIT still compiles the hot paths (a quarter to
            // half a core of the 2 here), so a node just started falls behind, and catches up once warm.
            String warmUpStarted = now();
            Load warmUp = load(WARM_UP);
            warmUp.await();
            String warmUpEnded = now();
            long warmUpProcessedPerSecond = Math.round(processedBetween(channelId, warmUpStarted, warmUpEnded)
                    / (double) WARM_UP.toSeconds());
            double warmUpCatchUp = waitForCatchUp(channelId, Duration.ofSeconds(300));
            String[] warmUpLagMillis = lagMillis(channelId, warmUpStarted, warmUpEnded);

            List<Long> backlog = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            String waiting = "select count(*) from whatsapp.webhook_event where channel_id = ? and processed_at is null"
                    + " and parked_at is null";
            // Every 5 s: a count of a large backlog is itself a load on the database being measured.
            sampler.scheduleAtFixedRate(() -> backlog.add(TestDatabase.numberIn(database, waiting, channelId)), 5, 5, TimeUnit.SECONDS);
            String started = now();
            AtomicBoolean probing = new AtomicBoolean(true);
            CompletableFuture<Void> probes = CompletableFuture.runAsync(() -> probe.run(probing));
            Load run = load(RUN);
            run.await();
            String ended = now();
            probing.set(false);
            probes.get(30, TimeUnit.SECONDS);
            sampler.shutdownNow();

            long processedDuringTheRun = processedBetween(channelId, started, ended);
            long backlogAtTheEnd = TestDatabase.numberIn(database, waiting, channelId);
            double catchUp = waitForCatchUp(channelId, Duration.ofSeconds(600));
            Thread.sleep(1_000);
            List<Double> announced = probe.announcements(channelId);
            long neverAnnounced = announced.stream().filter(millis -> millis.isNaN()).count();
            announced.removeIf(millis -> millis.isNaN());
            String[] lagMillis = lagMillis(channelId, started, ended);
            double seconds = RUN.toMillis() / 1000.0;
            long offered = run.messages.get() + run.statuses.get();

            // Fully processed: every acknowledged message stored in a chat with a contact and an owner, every answer read.
            assertEquals(warmUp.messages.get() + run.messages.get() + KNOWN_CUSTOMERS + probe.delivered.get(),
                    TestDatabase.numberIn(database, "select count(*) from whatsapp.message m join whatsapp.conversation c"
                            + " on c.id = m.conversation_id where c.channel_id = ? and m.direction = 'IN'", channelId));
            assertEquals(0, TestDatabase.numberIn(database, "select count(*) from whatsapp.conversation where channel_id = ?"
                    + " and owner_id is null", channelId), "every chat has its owner");
            assertEquals((warmUp.statuses.get() + run.statuses.get()) / 3, TestDatabase.numberIn(database, "select count(*) from"
                    + " whatsapp.message m join whatsapp.conversation c on c.id = m.conversation_id where c.channel_id = ?"
                    + " and m.status = 'READ'", channelId), "every answer whose statuses came is read");
            assertEquals(0, run.failures.get() + warmUp.failures.get(), "every delivery acknowledged");

            JsonObject figures = Json.createObjectBuilder().add("run_seconds", seconds)
                    .add("offered_messages_per_second", Math.round(run.messages.get() / seconds))
                    .add("offered_statuses_per_second", Math.round(run.statuses.get() / seconds))
                    .add("processed_events_per_second_during_run", Math.round(processedDuringTheRun / seconds))
                    .add("lag_p50_ms", Double.parseDouble(lagMillis[0])).add("lag_p99_ms", Double.parseDouble(lagMillis[1]))
                    .add("backlog_max", backlog.stream().mapToLong(Long::longValue).max().orElse(0))
                    .add("backlog_at_end", backlogAtTheEnd)
                    .add("catch_up_seconds", BenchResults.round(catchUp))
                    .add("batch_ack", BenchResults.latencies(run.latencies))
                    .add("single_event_ack", BenchResults.latencies(probe.acks))
                    .add("server_sent_event", BenchResults.latencies(announced)).add("server_sent_events_missing", neverAnnounced)
                    .add("events_offered", offered)
                    .add("warm_up", Json.createObjectBuilder().add("seconds", WARM_UP.toSeconds())
                            .add("processed_events_per_second", warmUpProcessedPerSecond)
                            .add("lag_p50_ms", Double.parseDouble(warmUpLagMillis[0]))
                            .add("lag_p99_ms", Double.parseDouble(warmUpLagMillis[1]))
                            .add("catch_up_seconds", BenchResults.round(warmUpCatchUp)))
                    .build();
            System.out.printf("%n%s, %.0f s: offered %d messages/s and %d statuses/s; processed %d events/s while it"
                            + " ran; lag p50 %s ms, p99 %s ms; backlog max %d, %d at the end, caught up %.1f s later%n",
                    scenario, seconds, Math.round(run.messages.get() / seconds), Math.round(run.statuses.get() / seconds),
                    Math.round(processedDuringTheRun / seconds), lagMillis[0], lagMillis[1],
                    backlog.stream().mapToLong(Long::longValue).max().orElse(0), backlogAtTheEnd, catchUp);
            System.out.printf("  single-event acknowledgement %s; server-sent event %s%n", BenchResults.latencies(probe.acks),
                    BenchResults.latencies(announced));
            System.out.printf("  warm-up, %d s before: processed %d events/s while it ran; lag p50 %s ms, p99 %s ms;"
                            + " caught up %.1f s later%n", WARM_UP.toSeconds(), warmUpProcessedPerSecond,
                    warmUpLagMillis[0], warmUpLagMillis[1], warmUpCatchUp);
            BenchResults.write(scenario, figures);
        }
    }

    private String now() {
        return TestDatabase.stringsIn(database, "select now()::text").get(0);
    }

    private long processedBetween(long channelId, String from, String to) {
        return TestDatabase.numberIn(database, "select count(*) from whatsapp.webhook_event where channel_id = ?"
                + " and processed_at between ?::timestamptz and ?::timestamptz", channelId, from, to);
    }

    /** The processing lag's p50 and p99, in milliseconds, of the events received between the two instants. */
    private String[] lagMillis(long channelId, String from, String to) {
        return TestDatabase.stringsIn(database, """
                select concat_ws(' ',
                    round(1000 * percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at))),
                    round(1000 * percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at))))
                  from whatsapp.webhook_event
                 where channel_id = ? and received_at between ?::timestamptz and ?::timestamptz""", channelId, from, to)
                .get(0).split(" ");
    }

    /** Seconds until nothing of the channel waits to be processed. */
    private double waitForCatchUp(long channelId, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        // Whether any waits, rather than how many: counting a large backlog ten times a second would take the
        // processing's share of the machine.
        String anyWaiting = "select count(*) from (select 1 from whatsapp.webhook_event where channel_id = ?"
                + " and processed_at is null and parked_at is null limit 1) waiting";
        while (TestDatabase.numberIn(database, anyWaiting, channelId) > 0) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("processing did not catch up within " + limit.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Deliveries paced as Meta sends them: each 20 ms a delivery of 20 messages and one of 60 statuses. */
    private Load load(Duration duration) {
        Load load = new Load();
        long deliveries = duration.toSeconds() * DELIVERIES_PER_SECOND;
        long period = 1_000_000 / DELIVERIES_PER_SECOND;
        AtomicLong issued = new AtomicLong();
        load.clock.scheduleAtFixedRate(() -> {
            if (issued.getAndIncrement() >= deliveries) {
                load.done.complete(null);
                return;
            }
            load.senders.submit(() -> load.count(false, deliver(messages(), Json.createArrayBuilder())));
            load.senders.submit(() -> load.count(true, deliver(Json.createArrayBuilder(), statuses())));
        }, 0, period, TimeUnit.MICROSECONDS);
        return load;
    }

    /** What one paced load acknowledged. */
    private final class Load {
        final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        final ExecutorService senders = Executors.newFixedThreadPool(32);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicInteger messages = new AtomicInteger();
        final AtomicInteger statuses = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());

        void count(boolean statusDelivery, Timed answer) {
            latencies.add(answer.millis());
            if (answer.status() != 200) {
                failures.incrementAndGet();
            } else if (statusDelivery) {
                statuses.addAndGet(ANSWERS_PER_DELIVERY * 3);
            } else {
                messages.addAndGet(MESSAGES_PER_DELIVERY);
            }
        }

        void await() throws Exception {
            done.get();
            clock.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
        }
    }

    private record Timed(int status, double millis) {
    }

    /** Half from customers who wrote before, half from new numbers. */
    private JsonArrayBuilder messages() {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
            String from = i % 2 == 0 ? Long.toString(KNOWN_NUMBERS + ThreadLocalRandom.current().nextInt(KNOWN_CUSTOMERS))
                    : Long.toString(newNumbers.getAndIncrement());
            batch.add(Webhooks.textMessage(from, Webhooks.newWamid(), "Is the order on its way? " + i));
        }
        return batch;
    }

    /** Sent, delivered and read of the next answers, as Meta reports them to the number. */
    private JsonArrayBuilder statuses() {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < ANSWERS_PER_DELIVERY; i++) {
            long answer = answers.getAndIncrement();
            String wamid = "wamid.bench." + answer;
            String recipient = Long.toString(KNOWN_NUMBERS + answer % KNOWN_CUSTOMERS);
            batch.add(Webhooks.status(wamid, "sent", recipient)).add(Webhooks.status(wamid, "delivered", recipient))
                    .add(Webhooks.status(wamid, "read", recipient));
        }
        return batch;
    }

    private Timed deliver(JsonArrayBuilder messages, JsonArrayBuilder statuses) {
        byte[] body = Webhooks.envelope(Webhooks.entry(wabaId, phoneNumberId, messages, statuses));
        long started = System.nanoTime();
        try {
            URI webhook = webhooks.get(Math.floorMod(turn.getAndIncrement(), webhooks.size()));
            int status = http.send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", Webhooks.signature(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return new Timed(status, (System.nanoTime() - started) / 1e6);
        } catch (Exception failed) {
            return new Timed(0, (System.nanoTime() - started) / 1e6);
        }
    }

    /**
     * Single-message deliveries from one customer, ten a second: each one's acknowledgement, and the time until the
     * administrator's event stream (as a browser holds it) announces its message.
     */
    private final class Probe implements AutoCloseable {
        final List<Double> acks = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger delivered = new AtomicInteger();
        /** When each probe's delivery started, by Meta's id of its message. */
        private final Map<String, Long> startedByWamid = new ConcurrentHashMap<>();
        /** When the event stream announced each message of the probe's chat, by the plugin's id of the message. */
        private final Map<Long, Long> announcedByMessageId = new ConcurrentHashMap<>();
        private volatile long conversationId = -1;
        private InputStream stream;

        void deliverOne() {
            String wamid = Webhooks.newWamid();
            long started = System.nanoTime();
            startedByWamid.put(wamid, started);
            Timed answer = deliver(Json.createArrayBuilder().add(Webhooks.textMessage(PROBE_CUSTOMER, wamid, "Probe")),
                    Json.createArrayBuilder());
            assertEquals(200, answer.status());
            acks.add(answer.millis());
            delivered.incrementAndGet();
        }

        /** Forgets the delivery that made the probe's chat: it came before the stream was watched. */
        void forgetTheFirst() {
            acks.clear();
            startedByWamid.clear();
        }

        /** Listens to the administrator's events for the probe's chat. */
        void watch(long conversation) throws Exception {
            conversationId = conversation;
            stream = http.send(HttpRequest.newBuilder(events)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                            + EmbeddedDatabaseSession.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream()).body();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String event = "";
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        } else if (line.startsWith("data:") && event.equals("message")) {
                            JsonObject data = Json.createReader(new StringReader(line.substring(5).trim())).readObject();
                            if (data.getJsonNumber("conversationId").longValue() == conversationId && data.containsKey("messageId")) {
                                announcedByMessageId.putIfAbsent(data.getJsonNumber("messageId").longValue(), System.nanoTime());
                            }
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the benchmark closed the stream
                }
            }, "probe-events");
            reader.setDaemon(true);
            reader.start();
        }

        /** Probes ten times a second until told to stop. */
        void run(AtomicBoolean probing) {
            while (probing.get()) {
                deliverOne();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * Milliseconds from each probe's delivery to its announcement, once processing caught up; a probe never
         * announced counts as the whole wait.
         */
        List<Double> announcements(long channelId) {
            List<Double> millis = new ArrayList<>();
            TestDatabase.rowsIn(database, "select m.wamid, m.id from whatsapp.message m join"
                            + " whatsapp.conversation c on c.id = m.conversation_id where c.channel_id = ? and c.customer_key = ?",
                    row -> Map.entry(row.getString(1), row.getLong(2)), channelId, PROBE_CUSTOMER).forEach(message -> {
                Long started = startedByWamid.get(message.getKey());
                Long announced = announcedByMessageId.get(message.getValue());
                if (started != null) {
                    millis.add(announced == null ? Double.NaN : (announced - started) / 1e6);
                }
            });
            return millis;
        }

        @Override
        public void close() throws Exception {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
