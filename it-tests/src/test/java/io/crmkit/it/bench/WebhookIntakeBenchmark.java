package io.crmkit.it.bench;

import io.crmkit.it.bench.BenchResults.Target;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import io.crmkit.plugin.api.BaseUrl;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How fast the webhook intake stores what Meta delivers: signed batches of inbound messages and of statuses posted
 * by several concurrent senders as fast as they are acknowledged, for a fixed time, on loopback; and, as the limit
 * of this machine, the best plain way to put the same rows into the same table with the same indexes: the rows of
 * each delivery in one multi-row insert from arrays ({@code unnest}), or in one {@code COPY}, both measured and the
 * faster taken; {@code pgbench} with a script of the same rows is printed beside as a cross-check where PostgreSQL's
 * client tools are installed. The statuses are those of answers stored before the run, as Meta reports them, so
 * that applying them is measured rather than parking statuses of messages unknown. Prints events per second,
 * delivery latencies and the ratio to the limit. Lengths: {@code -Dbench.intake.seconds} (15),
 * {@code -Dbench.intake.warm-up.seconds} (10). Run with {@code bin/bench}.
 */
@ExtendWith(ArquillianExtension.class)
class WebhookIntakeBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.intake.warm-up.seconds", 10));
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.intake.seconds", 15));
    private static final int SENDERS = 8;
    private static final int MESSAGES_PER_DELIVERY = 20;
    /** Sent, delivered and read of as many answers. */
    private static final int ANSWERS_PER_DELIVERY = 20;
    private static final int STATUSES_PER_DELIVERY = ANSWERS_PER_DELIVERY * 3;
    /** The customers the business answered, whose answers' statuses the deliveries bring. */
    private static final int ANSWERED_CUSTOMERS = 1_000;
    private static final long ANSWERED_NUMBERS = 819_020_000_000L;
    /** More statuses than the intake stored in any run so far (under 5,000 a second); past them they start again. */
    private static final int STATUSES_PER_SECOND_AT_MOST = 8_000;
    private static final Target RATIO_TARGET = Target.atLeast(0.3);
    private static final String COLUMNS = "(organisation_id, channel_id, kind, dedupe_key, wamid, occurred_at, payload, received_at)";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private MetaWebhooks payloads;
    private long answersStored;
    private final AtomicLong nextAnswer = new AtomicLong();

    @Test
    void storesMessagesAndStatusesAsFastAsMetaDeliversThem() throws Exception {
        String database = System.getProperty("it.db.url");
        JsonObject postgres = BenchResults.databaseSettings(database);
        JsonObject channel = Organisations.sandboxChannel(base, "Benchmark");
        int channelId = channel.getInt("id");
        long organisation = TestDatabase.number("select organisation_id from whatsapp.channel where id = ?", channelId);
        payloads = new MetaWebhooks(channel.getString("wabaId"), channel.getString("phoneNumberId"));
        URI webhook = BaseUrl.of(base).resolve("webhooks/whatsapp");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // The customers wrote first, and the business answered them: the statuses of the run are those answers'.
        for (int first = 0; first < ANSWERED_CUSTOMERS; first += MESSAGES_PER_DELIVERY) {
            JsonArrayBuilder batch = BenchResults.JSON.createArrayBuilder();
            for (int i = first; i < first + MESSAGES_PER_DELIVERY; i++) {
                batch.add(payloads.textMessage(Long.toString(ANSWERED_NUMBERS + i), Webhooks.newWamid(), "Hello"));
            }
            byte[] body = payloads.envelope(batch, BenchResults.JSON.createArrayBuilder());
            assertEquals(200, post(http, webhook, body));
        }
        eventually("the answered customers' chats", 120, () -> TestDatabase.number("select count(*) from"
                + " whatsapp.conversation where channel_id = ?", channelId) == ANSWERED_CUSTOMERS);
        answersStored = (WARM_UP.toSeconds() + RUN.toSeconds()) * STATUSES_PER_SECOND_AT_MOST / 3;
        StoredAnswers.store(System.getProperty("it.db.url"), answersStored, channelId, ANSWERED_NUMBERS, ANSWERED_CUSTOMERS,
                "wamid.intake.");

        send(http, webhook, WARM_UP, new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new ArrayList<>());
        long before = TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?", channelId);

        AtomicInteger messages = new AtomicInteger();
        AtomicInteger statuses = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        send(http, webhook, RUN, messages, statuses, failures, latencies);
        double seconds = (System.nanoTime() - started) / 1e9;

        long stored = TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?", channelId)
                - before;
        JsonObject acks = BenchResults.latencies(latencies);
        System.out.printf("%nWebhook intake benchmark: %d senders for %.1f s on loopback (after %d s of warm-up), %d messages"
                        + " or %d statuses a delivery%n", SENDERS, seconds, WARM_UP.toSeconds(), MESSAGES_PER_DELIVERY,
                STATUSES_PER_DELIVERY);
        System.out.printf("  inbound messages stored: %8.0f /s%n", messages.get() / seconds);
        System.out.printf("  statuses stored:         %8.0f /s%n", statuses.get() / seconds);
        System.out.printf("  deliveries: %d, latency %s, failures %d%n", latencies.size(), acks, failures.get());
        assertEquals(0, failures.get(), "every delivery was acknowledged");
        assertEquals(messages.get() + statuses.get(), stored, "every acknowledged event was stored");

        // Processing (contacts, conversations, statuses) runs behind the intake: how long until it has caught up.
        long runEnded = System.nanoTime();
        String backlog = "select count(*) from whatsapp.webhook_event where channel_id = ? and processed_at is null and parked_at is null";
        long backlogAtEnd = TestDatabase.number(backlog, channelId);
        // Whether any waits, rather than how many: counting a large backlog five times a second would take the
        // processing's share of the machine.
        String anyWaiting = "select count(*) from (select 1 from whatsapp.webhook_event where channel_id = ?"
                + " and processed_at is null and parked_at is null limit 1) waiting";
        while (TestDatabase.number(anyWaiting, channelId) > 0 && System.nanoTime() - runEnded < Duration.ofSeconds(180).toNanos()) {
            Thread.sleep(200);
        }
        long left = TestDatabase.number(backlog, channelId);
        double catchUp = (System.nanoTime() - runEnded) / 1e9;
        System.out.printf("  processing caught up %.1f s after the run (%d events left): %.0f events/s processed over run and"
                + " catch-up, %.0f events/s once the intake stopped%n", catchUp, left, stored / (seconds + catchUp),
                (backlogAtEnd - left) / catchUp);
        assertEquals(0, left, "processing caught up within 180 s");
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?"
                + " and parked_at is not null", channelId), "every status found its message");

        PlainTable plain = new PlainTable(database, organisation, channelId, channel.getString("phoneNumberId"));
        double unnestRowsPerSecond = plain.rate("unnest", plain::insertFromArrays);
        double copyRowsPerSecond = plain.rate("copy", plain::copy);
        Optional<Double> pgbenchRowsPerSecond = plain.pgbench();
        plain.drop();
        double limit = Math.max(unnestRowsPerSecond, copyRowsPerSecond);
        double storedPerSecond = (messages.get() + statuses.get()) / seconds;
        double ratio = Math.round(storedPerSecond / limit * 100) / 100.0;
        System.out.printf("  the same rows, batches and senders, plain: one insert from arrays a delivery %.0f rows/s, one"
                        + " COPY a delivery %.0f rows/s, pgbench %s; stored and acknowledged events per second divided by"
                        + " the faster: %.2f%n", unnestRowsPerSecond, copyRowsPerSecond,
                pgbenchRowsPerSecond.map(rate -> String.format("%.0f rows/s", rate)).orElse("not run"), ratio);
        var figures = BenchResults.JSON.createObjectBuilder().add("senders", SENDERS).add("run_seconds", BenchResults.round(seconds))
                .add("postgres", postgres)
                .add("plain_unnest_rows_per_second", Math.round(unnestRowsPerSecond))
                .add("plain_copy_rows_per_second", Math.round(copyRowsPerSecond))
                .add("plain_rows_per_second", Math.round(limit))
                .add("ratio_to_plain_insert", BenchResults.figure(ratio, "", RATIO_TARGET))
                .add("messages_per_second", Math.round(messages.get() / seconds))
                .add("statuses_per_second", Math.round(statuses.get() / seconds))
                .add("ack", acks).add("failures", failures.get())
                .add("processing_catch_up_seconds", BenchResults.round(catchUp))
                .add("processed_events_per_second_overall", Math.round(stored / (seconds + catchUp)))
                .add("processed_events_per_second_after_intake", Math.round((backlogAtEnd - left) / catchUp));
        pgbenchRowsPerSecond.ifPresent(rate -> figures.add("pgbench_rows_per_second", Math.round(rate)));
        BenchResults.write("intake", figures.build());
    }

    /** Posts deliveries from all senders for a while, counting what was acknowledged. */
    private void send(HttpClient http, URI webhook, Duration duration, AtomicInteger messages, AtomicInteger statuses,
                      AtomicInteger failures, List<Double> latencies) throws Exception {
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
                    byte[] body = statusBatch ? payloads.envelope(BenchResults.JSON.createArrayBuilder(), statusEvents())
                            : payloads.envelope(messageEvents(sender), BenchResults.JSON.createArrayBuilder());
                    long started = System.nanoTime();
                    try {
                        int status = post(http, webhook, body);
                        latencies.add((System.nanoTime() - started) / 1e6);
                        if (status != 200) {
                            failures.incrementAndGet();
                        } else if (statusBatch) {
                            statuses.addAndGet(STATUSES_PER_DELIVERY);
                        } else {
                            messages.addAndGet(MESSAGES_PER_DELIVERY);
                        }
                    } catch (IOException failed) {
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

    private static int post(HttpClient http, URI webhook, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", Webhooks.signature(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Messages from a sender's twenty customers, who wrote before after the first round. */
    private JsonArrayBuilder messageEvents(int sender) {
        JsonArrayBuilder batch = BenchResults.JSON.createArrayBuilder();
        for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
            batch.add(payloads.textMessage(customerOf(sender, i), Webhooks.newWamid(), "Benchmark message " + i));
        }
        return batch;
    }

    private static String customerOf(int sender, int i) {
        return "8190" + (10_000_000 + sender * 1_000 + i);
    }

    /** Sent, delivered and read of the next stored answers, as Meta reports them. */
    private JsonArrayBuilder statusEvents() {
        JsonArrayBuilder batch = BenchResults.JSON.createArrayBuilder();
        for (int i = 0; i < ANSWERS_PER_DELIVERY; i++) {
            long answer = nextAnswer.getAndIncrement() % answersStored;
            String wamid = "wamid.intake." + answer;
            String recipient = Long.toString(ANSWERED_NUMBERS + answer % ANSWERED_CUSTOMERS);
            batch.add(payloads.status(wamid, "sent", recipient)).add(payloads.status(wamid, "delivered", recipient))
                    .add(payloads.status(wamid, "read", recipient));
        }
        return batch;
    }

    /** A way of writing one delivery's rows over a connection of its own. */
    @FunctionalInterface
    private interface Writer {
        void write(Connection connection, List<Row> rows) throws Exception;
    }

    /** A row as the intake stores it; the payload as the intake writes it, {@code {"metadata":…, "message":…}}. */
    private record Row(String kind, String dedupeKey, String wamid, String occurredAt, String payload) {
    }

    /**
     * A copy of the event table (its columns, defaults, indexes and its reference to the channel) beside it in the
     * same PostgreSQL, into which the same rows go the plainest ways there are, from as many senders, a delivery at a
     * time, each in a transaction of its own.
     */
    private final class PlainTable {
        private final String database;
        private final long organisation;
        private final int channelId;
        private final String phoneNumberId;
        private final String messageTemplate;
        private final String statusTemplate;

        PlainTable(String database, long organisation, int channelId, String phoneNumberId) {
            this.database = database;
            this.organisation = organisation;
            this.channelId = channelId;
            this.phoneNumberId = phoneNumberId;
            TestDatabase.update("drop table if exists public.plain_insert");
            TestDatabase.update("create table public.plain_insert (like whatsapp.webhook_event including all)");
            TestDatabase.update("alter table public.plain_insert add foreign key (channel_id) references whatsapp.channel");
            // The payloads' text, built once: per row only the customer, the message and the status change.
            messageTemplate = BenchResults.JSON.createObjectBuilder().add("metadata", payloads.metadata())
                    .add("message", payloads.textMessage("@FROM@", "@WAMID@", "Benchmark message")).build().toString();
            statusTemplate = BenchResults.JSON.createObjectBuilder().add("metadata", payloads.metadata())
                    .add("status", payloads.status("@WAMID@", "@STATUS@", "@TO@")).build().toString();
        }

        /** Rows a second that {@code writer} stored for as long as the deliveries ran, from an empty table. */
        double rate(String name, Writer writer) throws Exception {
            TestDatabase.update("truncate public.plain_insert");
            long deadline = System.nanoTime() + RUN.toNanos();
            AtomicInteger rows = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new ArrayList<>();
            long started = System.nanoTime();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                running.add(senders.submit(() -> {
                    try (Connection connection = TestDatabase.connect()) {
                        for (int round = 0; System.nanoTime() < deadline; round++) {
                            List<Row> batch = round % 2 != 0 ? statusRows(sender, round) : messageRows(sender);
                            writer.write(connection, batch);
                            rows.addAndGet(batch.size());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            senders.shutdown();
            assertEquals(rows.get(), TestDatabase.number("select count(*) from public.plain_insert"), name + " stored every row");
            return rows.get() / seconds;
        }

        private List<Row> messageRows(int sender) {
            String occurred = Instant.now().toString();
            List<Row> rows = new ArrayList<>(MESSAGES_PER_DELIVERY);
            for (int i = 0; i < MESSAGES_PER_DELIVERY; i++) {
                String wamid = Webhooks.newWamid();
                rows.add(new Row("MESSAGE", "m:" + phoneNumberId + ":" + wamid, wamid, occurred,
                        messageTemplate.replace("@FROM@", customerOf(sender, i)).replace("@WAMID@", wamid)));
            }
            return rows;
        }

        private List<Row> statusRows(int sender, int round) {
            String occurred = Instant.now().toString();
            long second = Instant.now().getEpochSecond();
            List<Row> rows = new ArrayList<>(STATUSES_PER_DELIVERY);
            for (int i = 0; i < ANSWERS_PER_DELIVERY; i++) {
                String wamid = "wamid.plain." + sender + "." + round + "." + i;
                String recipient = Long.toString(ANSWERED_NUMBERS + ThreadLocalRandom.current().nextInt(ANSWERED_CUSTOMERS));
                for (String status : List.of("sent", "delivered", "read")) {
                    rows.add(new Row("STATUS", "s:" + wamid + ":" + status + ":" + second, wamid, occurred, statusTemplate
                            .replace("@WAMID@", wamid).replace("@STATUS@", status).replace("@TO@", recipient)));
                }
            }
            return rows;
        }

        /** The intake's own statement: the delivery's rows as arrays, in one insert. */
        void insertFromArrays(Connection connection, List<Row> rows) throws Exception {
            try (PreparedStatement insert = connection.prepareStatement("insert into public.plain_insert " + COLUMNS + """
                     select ?, ?, e.kind, e.dedupe_key, e.wamid, cast(e.occurred_at as timestamptz), cast(e.payload as jsonb),
                            now()
                       from unnest(?, ?, ?, ?, ?) as e(kind, dedupe_key, wamid, occurred_at, payload)
                     on conflict (dedupe_key) do nothing""")) {
                insert.setLong(1, organisation);
                insert.setLong(2, channelId);
                insert.setArray(3, connection.createArrayOf("varchar", rows.stream().map(Row::kind).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", rows.stream().map(Row::dedupeKey).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", rows.stream().map(Row::wamid).toArray()));
                insert.setArray(6, connection.createArrayOf("varchar", rows.stream().map(Row::occurredAt).toArray()));
                insert.setArray(7, connection.createArrayOf("text", rows.stream().map(Row::payload).toArray()));
                insert.executeUpdate();
            }
        }

        /**
         * The delivery's rows in one {@code COPY} (PgJDBC's {@link CopyManager}), in text format. COPY has no
         * {@code on conflict}: the rows' keys are new, so nothing conflicts.
         */
        void copy(Connection connection, List<Row> rows) throws Exception {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String receivedAt = Instant.now().toString();
            StringBuilder text = new StringBuilder(rows.size() * 400);
            for (Row row : rows) {
                text.append(organisation).append('\t').append(channelId).append('\t').append(row.kind()).append('\t')
                        .append(escaped(row.dedupeKey())).append('\t').append(escaped(row.wamid())).append('\t')
                        .append(row.occurredAt()).append('\t').append(escaped(row.payload())).append('\t').append(receivedAt)
                        .append('\n');
            }
            copy.copyIn("copy public.plain_insert " + COLUMNS + " from stdin", new java.io.StringReader(text.toString()));
        }

        /** A value in COPY's text format. */
        private static String escaped(String value) {
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        /**
         * The same rows (20 messages or 60 statuses a transaction, half of each, from as many clients) written by
         * PostgreSQL's own load tool, where it is installed: rows a second, or nothing and the reason printed.
         */
        Optional<Double> pgbench() throws Exception {
            Optional<Path> tool = pgbenchTool();
            if (tool.isEmpty()) {
                System.out.println("  pgbench: not run, PostgreSQL's client tools are not installed (no pgbench on the PATH)");
                return Optional.empty();
            }
            TestDatabase.update("truncate public.plain_insert");
            Path folder = Files.createTempDirectory("pgbench");
            Path messagesScript = folder.resolve("messages.sql");
            Path statusesScript = folder.resolve("statuses.sql");
            String insert = "insert into public.plain_insert " + COLUMNS + "\n";
            Files.writeString(messagesScript, insert + """
                    select %d, %d, 'MESSAGE', 'm:%s:' || w, w, now(),
                           replace(replace(%s, '@WAMID@', w), '@FROM@', (8190000000 + g)::text)::jsonb, now()
                      from (select 'wamid.PGB' || txid_current() || '.' || g as w, g from generate_series(1, %d) g) r
                    on conflict (dedupe_key) do nothing;
                    """.formatted(organisation, channelId, phoneNumberId, literal(messageTemplate), MESSAGES_PER_DELIVERY));
            Files.writeString(statusesScript, insert + """
                    select %d, %d, 'STATUS', 's:' || w || ':' || s || ':' || extract(epoch from now())::bigint, w, now(),
                           replace(replace(replace(%s, '@WAMID@', w), '@STATUS@', s), '@TO@', (%d + g)::text)::jsonb, now()
                      from (select 'wamid.PGB' || txid_current() || '.' || g as w, g from generate_series(1, %d) g) r,
                           unnest(array['sent', 'delivered', 'read']) s
                    on conflict (dedupe_key) do nothing;
                    """.formatted(organisation, channelId, literal(statusTemplate), ANSWERED_NUMBERS, ANSWERS_PER_DELIVERY));
            URI server = URI.create(database.substring("jdbc:".length()));
            ProcessBuilder command = new ProcessBuilder(tool.get().toString(), "-n", "-c", Integer.toString(SENDERS), "-j", "2",
                    "-T", Long.toString(RUN.toSeconds()), "-f", messagesScript.toString(), "-f", statusesScript.toString(),
                    "-h", server.getHost(), "-p", Integer.toString(server.getPort()), "-U", "postgres",
                    server.getPath().replaceFirst("^/", "")).redirectErrorStream(true);
            command.environment().put("PGPASSWORD", "postgres");
            long started = System.nanoTime();
            Process pgbench = command.start();
            String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = pgbench.waitFor(RUN.toSeconds() + 60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!ended || pgbench.exitValue() != 0) {
                pgbench.destroyForcibly();
                System.out.println("  pgbench: not counted, it failed: " + output.strip().replace('\n', ' '));
                return Optional.empty();
            }
            long rows = TestDatabase.number("select count(*) from public.plain_insert");
            // pgbench writes for -T seconds once its clients are connected.
            System.out.printf("  pgbench (%s): %d rows in %d s (%.1f s with its start)%n", tool.get(), rows, RUN.toSeconds(), seconds);
            return Optional.of(rows / (double) RUN.toSeconds());
        }

        void drop() {
            TestDatabase.update("drop table public.plain_insert");
        }

        /** A string as an SQL literal. */
        private static String literal(String text) {
            return "'" + text.replace("'", "''") + "'";
        }
    }

    /** PostgreSQL's pgbench, {@code -Dbench.pgbench} or the first on the PATH. */
    private static Optional<Path> pgbenchTool() {
        String configured = System.getProperty("bench.pgbench");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
                .map(folder -> Path.of(folder, "pgbench")).filter(Files::isExecutable).findFirst();
    }
}
