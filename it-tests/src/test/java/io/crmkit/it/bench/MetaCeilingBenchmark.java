package io.crmkit.it.bench;

import io.crmkit.it.bench.BenchResults.Target;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.SecondServer;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.JsonArrayBuilder;
import io.crmkit.plugin.api.BaseUrl;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
 * event a browser receives for each. Prints and writes the events whose processing committed per second while the
 * load ran (over the time it actually ran), the lag from receipt to that commit ({@link CommitWatcher}), the backlog,
 * and the probe's latencies. Every delivery is timed from when it was due, and a probe never announced counts as
 * the whole wait. The single-node scenario writes its targets beside its figures. Its length:
 * {@code -Dbench.ceiling.seconds} (60).
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
    private static final Duration PROBE_PERIOD = Duration.ofMillis(100);
    /** How often the commit watcher samples the database's snapshot: the resolution of the processing figures. */
    private static final Duration COMMIT_SAMPLING = Duration.ofMillis(Long.getLong("bench.commit-sampling-ms", 10));

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
        BaseUrl node = BaseUrl.of(base);
        webhooks = List.of(node.resolve("webhooks/whatsapp"));
        events = node.resolve("api/whatsapp/events");
        database = System.getProperty("it.db.url");
        measure("ceiling", channel.getJsonNumber("id").longValue(), true);
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
            // A node's address, whether base() answers it as text or as a BaseUrl.
            BaseUrl firstNode = BaseUrl.of(String.valueOf(first.base()));
            BaseUrl secondNode = BaseUrl.of(String.valueOf(second.base()));
            webhooks = List.of(firstNode.resolve("webhooks/whatsapp"), secondNode.resolve("webhooks/whatsapp"));
            events = secondNode.resolve("api/whatsapp/events");
            measure("ceiling_two_nodes", channel.getJsonNumber("id").longValue(), false);
        }
    }

    /** Runs the warm-up, then the measured load with its probe, and writes the figures as {@code scenario}. */
    private void measure(String scenario, long channelId, boolean withTargets) throws Exception {
        JsonObject postgres = BenchResults.databaseSettings(database);

        // The known customers wrote before, and the business answered each of them many times: the run's statuses
        // are those answers'.
        for (int first = 0; first < KNOWN_CUSTOMERS; first += MESSAGES_PER_DELIVERY) {
            JsonArrayBuilder batch = BenchResults.JSON.createArrayBuilder();
            for (int i = first; i < first + MESSAGES_PER_DELIVERY; i++) {
                batch.add(meta().textMessage(Long.toString(KNOWN_NUMBERS + i), Webhooks.newWamid(), "Hello"));
            }
            assertEquals(200, deliver(batch, BenchResults.JSON.createArrayBuilder(), System.nanoTime()).status());
        }
        eventually("the known customers' chats", 60, () -> TestDatabase.numberIn(database,
                "select count(*) from whatsapp.conversation where channel_id = ?", channelId) == KNOWN_CUSTOMERS);
        long answersNeeded = (WARM_UP.toSeconds() + RUN.toSeconds() + 5) * DELIVERIES_PER_SECOND * ANSWERS_PER_DELIVERY;
        StoredAnswers.store(database, answersNeeded, channelId, KNOWN_NUMBERS, KNOWN_CUSTOMERS, "wamid.bench.");

        try (Probe probe = new Probe(); CommitWatcher commits = new CommitWatcher(database, COMMIT_SAMPLING)) {
            probe.deliverOne(System.nanoTime());
            String probeChat = "select count(*) from whatsapp.conversation where channel_id = ? and customer_key = ?";
            eventually("the probe's chat", 30, () -> TestDatabase.numberIn(database, probeChat, channelId, PROBE_CUSTOMER) == 1);
            long probeConversation = TestDatabase.numberIn(database, "select id from whatsapp.conversation where channel_id = ?"
                    + " and customer_key = ?", channelId, PROBE_CUSTOMER);
            probe.watch(probeConversation);
            probe.forgetTheFirst();

            // Measured apart: in the first minute of a node's life its JIT still compiles the hot paths (a quarter to
            // half a core of the 2 here), so a node just started falls behind, and catches up once warm.
            double warmUpStarted = now();
            Load warmUp = load(WARM_UP);
            warmUp.await();
            double warmUpEnded = now();
            double warmUpCatchUp = waitForCatchUp(channelId, Duration.ofSeconds(300));

            List<Long> backlog = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            String waiting = "select count(*) from whatsapp.webhook_event where channel_id = ? and processed_at is null"
                    + " and parked_at is null";
            // Every 5 s: a count of a large backlog is itself a load on the database being measured.
            sampler.scheduleAtFixedRate(() -> backlog.add(TestDatabase.numberIn(database, waiting, channelId)), 5, 5, TimeUnit.SECONDS);
            double started = now();
            AtomicBoolean probing = new AtomicBoolean(true);
            CompletableFuture<Void> probes = CompletableFuture.runAsync(() -> probe.run(probing));
            Load run = load(RUN);
            run.await();
            double ended = now();
            probing.set(false);
            probes.get(30, TimeUnit.SECONDS);
            sampler.shutdownNow();

            long backlogAtTheEnd = TestDatabase.numberIn(database, waiting, channelId);
            double catchUp = waitForCatchUp(channelId, Duration.ofSeconds(600));
            // The last commits are seen by the watcher's next samples, and the last probes' events reach the stream.
            Thread.sleep(1_000);
            double watchEnded = now();
            List<Double> announced = probe.announcements(channelId);
            long neverAnnounced = probe.neverAnnounced();
            CommittedEvents events = CommittedEvents.of(database, channelId, warmUpStarted, commits.samples());
            assertEquals(0, events.committedBeforeClaimed(), "every processing seen committed after it began");

            double warmUpSeconds = warmUpEnded - warmUpStarted;
            double warmUpProcessedPerSecond = events.committedPerSecond(warmUpStarted, warmUpEnded);
            List<Double> warmUpLag = events.lagMillis(warmUpStarted, warmUpEnded, watchEnded);
            double seconds = ended - started;
            double processedPerSecond = events.committedPerSecond(started, ended);
            List<Double> lag = events.lagMillis(started, ended, watchEnded);
            long offered = run.offeredMessages.get() + run.offeredStatuses.get();
            double sendingSeconds = run.sendingSeconds();

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

            Targets targets = new Targets(withTargets);
            JsonObject figures = BenchResults.JSON.createObjectBuilder().add("run_seconds", BenchResults.round(seconds))
                    .add("postgres", postgres)
                    .add("commit_sampling_ms", COMMIT_SAMPLING.toMillis())
                    .add("offered_messages_per_second", Math.round(run.offeredMessages.get() / sendingSeconds))
                    .add("offered_statuses_per_second", Math.round(run.offeredStatuses.get() / sendingSeconds))
                    .add("sending_seconds", BenchResults.round(sendingSeconds))
                    .add("processed_events_per_second_during_run", targets.figure(Math.round(processedPerSecond), "events/s",
                            Target.atLeast(4_000)))
                    .add("lag", targets.latencies(lag, "p99_ms", Target.atMost(2_000)))
                    .add("lag_never_seen_committed", events.neverSeenCommitted(started, ended))
                    .add("backlog_max", backlog.stream().mapToLong(Long::longValue).max().orElse(0))
                    .add("backlog_at_end", backlogAtTheEnd)
                    .add("catch_up_seconds", BenchResults.round(catchUp))
                    .add("batch_ack", BenchResults.latencies(run.latencies))
                    .add("single_event_ack", targets.latencies(probe.acks, "p99_ms", Target.atMost(50)))
                    .add("server_sent_event", targets.latencies(announced, "p99_ms", Target.atMost(250)))
                    .add("server_sent_events_missing", neverAnnounced)
                    .add("events_offered", offered)
                    .add("warm_up", BenchResults.JSON.createObjectBuilder().add("seconds", BenchResults.round(warmUpSeconds))
                            .add("processed_events_per_second", Math.round(warmUpProcessedPerSecond))
                            .add("lag", BenchResults.latencies(warmUpLag))
                            .add("catch_up_seconds", BenchResults.round(warmUpCatchUp)))
                    .build();
            System.out.printf("%n%s, %.1f s: offered %d messages/s and %d statuses/s (as sent); committed %d events/s while"
                            + " it ran; lag (receipt to commit) %s; backlog max %d, %d at the end, caught up %.1f s later%n",
                    scenario, seconds, Math.round(run.offeredMessages.get() / sendingSeconds),
                    Math.round(run.offeredStatuses.get() / sendingSeconds), Math.round(processedPerSecond),
                    BenchResults.latencies(lag), backlog.stream().mapToLong(Long::longValue).max().orElse(0), backlogAtTheEnd,
                    catchUp);
            System.out.printf("  single-event acknowledgement (from the scheduled send) %s; server-sent event %s, %d never"
                    + " came%n", BenchResults.latencies(probe.acks), BenchResults.latencies(announced), neverAnnounced);
            System.out.printf("  warm-up, %.1f s before: committed %d events/s while it ran; lag %s; caught up %.1f s later%n",
                    warmUpSeconds, Math.round(warmUpProcessedPerSecond), BenchResults.latencies(warmUpLag), warmUpCatchUp);
            BenchResults.write(scenario, figures);
        }
    }

    /** The targets of the scenario that has them (one node); the same figures without targets otherwise. */
    private record Targets(boolean apply) {
        JsonValue figure(double value, String unit, Target target) {
            return apply ? BenchResults.figure(value, unit, target) : BenchResults.figure(value, unit, target).get("value");
        }

        JsonObject latencies(List<Double> millis, String targeted, Target target) {
            return apply ? BenchResults.latencies(millis, targeted, target) : BenchResults.latencies(millis);
        }
    }

    /** The database's clock, in seconds since the epoch: the clock of its receipts and of the commit watcher. */
    private double now() {
        return TestDatabase.rowsIn(database, "select extract(epoch from clock_timestamp())::float8",
                row -> row.getDouble(1)).get(0);
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

    /**
     * Deliveries paced as Meta sends them: each 20 ms a delivery of 20 messages and one of 60 statuses. Each delivery
     * is timed from the moment it was due, so that a load generator falling behind shows in the latencies rather than
     * in a slower pace that no figure tells.
     */
    private Load load(Duration duration) {
        Load load = new Load();
        long deliveries = duration.toSeconds() * DELIVERIES_PER_SECOND;
        long period = 1_000_000_000L / DELIVERIES_PER_SECOND;
        AtomicLong issued = new AtomicLong();
        long start = System.nanoTime();
        load.clock.scheduleAtFixedRate(() -> {
            long next = issued.getAndIncrement();
            if (next >= deliveries) {
                load.done.complete(null);
                return;
            }
            long due = start + next * period;
            load.senders.submit(() -> load.count(false, deliver(messages(), BenchResults.JSON.createArrayBuilder(), due)));
            load.senders.submit(() -> load.count(true, deliver(BenchResults.JSON.createArrayBuilder(), statuses(), due)));
        }, 0, period, TimeUnit.NANOSECONDS);
        load.period = period;
        return load;
    }

    /** What one paced load sent and what was acknowledged. */
    private final class Load {
        final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        final ExecutorService senders = Executors.newFixedThreadPool(32);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicInteger offeredMessages = new AtomicInteger();
        final AtomicInteger offeredStatuses = new AtomicInteger();
        final AtomicInteger messages = new AtomicInteger();
        final AtomicInteger statuses = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        /** Milliseconds from when each delivery was due to its acknowledgement. */
        final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastSent = new AtomicLong(Long.MIN_VALUE);
        volatile long period;

        void count(boolean statusDelivery, Timed answer) {
            latencies.add(answer.millis());
            firstSent.accumulateAndGet(answer.sentAt(), Math::min);
            lastSent.accumulateAndGet(answer.sentAt(), Math::max);
            (statusDelivery ? offeredStatuses : offeredMessages).addAndGet(statusDelivery ? ANSWERS_PER_DELIVERY * 3
                    : MESSAGES_PER_DELIVERY);
            if (answer.status() != 200) {
                failures.incrementAndGet();
            } else if (statusDelivery) {
                statuses.addAndGet(ANSWERS_PER_DELIVERY * 3);
            } else {
                messages.addAndGet(MESSAGES_PER_DELIVERY);
            }
        }

        /**
         * The seconds over which the deliveries were actually sent: from the first send to the last, and the last's
         * period (n deliveries sent on time span n periods).
         */
        double sendingSeconds() {
            return (lastSent.get() - firstSent.get() + period) / 1e9;
        }

        void await() throws Exception {
            done.get();
            clock.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
        }
    }

    /** An answer to a delivery: its status, the milliseconds from when it was due, and when it was sent (nanoTime). */
    private record Timed(int status, double millis, long sentAt) {
    }

    /** Half from customers who wrote before, half from new numbers. */
    private JsonArrayBuilder messages() {
        JsonArrayBuilder batch = BenchResults.JSON.createArrayBuilder();
        for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
            String from = i % 2 == 0 ? Long.toString(KNOWN_NUMBERS + ThreadLocalRandom.current().nextInt(KNOWN_CUSTOMERS))
                    : Long.toString(newNumbers.getAndIncrement());
            batch.add(meta().textMessage(from, Webhooks.newWamid(), "Is the order on its way? " + i));
        }
        return batch;
    }

    /** Sent, delivered and read of the next answers, as Meta reports them to the number. */
    private JsonArrayBuilder statuses() {
        JsonArrayBuilder batch = BenchResults.JSON.createArrayBuilder();
        for (int i = 0; i < ANSWERS_PER_DELIVERY; i++) {
            long answer = answers.getAndIncrement();
            String wamid = "wamid.bench." + answer;
            String recipient = Long.toString(KNOWN_NUMBERS + answer % KNOWN_CUSTOMERS);
            batch.add(meta().status(wamid, "sent", recipient)).add(meta().status(wamid, "delivered", recipient))
                    .add(meta().status(wamid, "read", recipient));
        }
        return batch;
    }

    /** The number's webhook JSON, built with the benchmarks' one JSON provider. */
    private MetaWebhooks meta() {
        return new MetaWebhooks(wabaId, phoneNumberId);
    }

    /** Posts a delivery that was due at {@code due} (nanoTime); its time counts from then. */
    private Timed deliver(JsonArrayBuilder messages, JsonArrayBuilder statuses, long due) {
        byte[] body = meta().envelope(messages, statuses);
        long sent = System.nanoTime();
        try {
            URI webhook = webhooks.get(Math.floorMod(turn.getAndIncrement(), webhooks.size()));
            int status = http.send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", Webhooks.signature(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return new Timed(status, (System.nanoTime() - due) / 1e6, sent);
        } catch (Exception failed) {
            return new Timed(0, (System.nanoTime() - due) / 1e6, sent);
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
        private long missing;
        private InputStream stream;

        /** Delivers one probe, due at {@code due} (nanoTime), from when its acknowledgement and announcement count. */
        void deliverOne(long due) {
            String wamid = Webhooks.newWamid();
            startedByWamid.put(wamid, due);
            Timed answer = deliver(BenchResults.JSON.createArrayBuilder().add(meta().textMessage(PROBE_CUSTOMER, wamid, "Probe")),
                    BenchResults.JSON.createArrayBuilder(), due);
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
                            JsonObject data = BenchResults.JSON.createReader(new StringReader(line.substring(5).trim())).readObject();
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

        /** Probes every 100 ms until told to stop; a probe due while the last one waited goes as soon as it answered. */
        void run(AtomicBoolean probing) {
            long start = System.nanoTime();
            for (long next = 0; probing.get(); next++) {
                long due = start + next * PROBE_PERIOD.toNanos();
                try {
                    long early = due - System.nanoTime();
                    if (early > 0) {
                        TimeUnit.NANOSECONDS.sleep(early);
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                deliverOne(due);
            }
        }

        /**
         * Milliseconds from when each probe was due to its announcement, once processing caught up; a probe never
         * announced (nor stored) counts as the whole wait, until now.
         */
        List<Double> announcements(long channelId) {
            long now = System.nanoTime();
            Map<String, Long> stored = new java.util.HashMap<>();
            TestDatabase.rowsIn(database, "select m.wamid, m.id from whatsapp.message m join"
                            + " whatsapp.conversation c on c.id = m.conversation_id where c.channel_id = ? and c.customer_key = ?",
                    row -> Map.entry(row.getString(1), row.getLong(2)), channelId, PROBE_CUSTOMER)
                    .forEach(message -> stored.put(message.getKey(), message.getValue()));
            List<Double> millis = new ArrayList<>();
            missing = 0;
            startedByWamid.forEach((wamid, due) -> {
                Long messageId = stored.get(wamid);
                Long announced = messageId == null ? null : announcedByMessageId.get(messageId);
                if (announced == null) {
                    missing++;
                }
                millis.add(((announced == null ? now : announced) - due) / 1e6);
            });
            return millis;
        }

        /** How many probes {@link #announcements} found never announced. */
        long neverAnnounced() {
            return missing;
        }

        @Override
        public void close() throws Exception {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
