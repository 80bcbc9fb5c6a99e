package io.crmkit.it.bench;

import io.crmkit.it.bench.BenchResults.Target;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 10,000 answers queued at once to customers who wrote, sent with the number's pace set to Meta's ceiling of 1,000 a
 * second: the sustained rate, the busiest second as Meta (the sandbox) received them against Meta's limit, and every
 * throughput refusal (130429) Meta answered, as the sandbox counts them, whether or not the send was tried again.
 * The answers are written as the outbox leaves them, so that what is timed is the sending.
 * Sizes: {@code -Dbench.outbound.answers} (10,000), {@code -Dbench.outbound.warm-up-rounds} (2).
 * <p>
 * Twice as many answers are sent first to warm the server up: on a node just started, the JIT compiling the sending
 * path took up to half a core of the 2 here, and the measured sends are those of a node in service.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundBenchmark {
    private static final int ANSWERS = Integer.getInteger("bench.outbound.answers", 10_000);
    private static final int PACE = 1_000;
    /** Meta's throughput of the number in the benchmark's sandbox ({@code it.sandbox.throughput}): at most so many a second. */
    private static final int META_LIMIT = Integer.getInteger("it.sandbox.throughput", 1_000);
    /** Rounds of answers to everyone before the measured one: one still left the JIT compiling during the next. */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.outbound.warm-up-rounds", 2);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void sendsTenThousandAnswersAtTheNumbersPaceAndNeverFaster() throws Exception {
        JsonObject postgres = BenchResults.databaseSettings(System.getProperty("it.db.url"));
        long adminId = Organisations.administratorId(base);
        JsonObject channel = Organisations.sandboxChannel(base, "Outbound");
        String phoneNumberId = channel.getString("phoneNumberId");

        // The customers write first (through the sandbox, as they would through WhatsApp), which opens their windows.
        ExecutorService customers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < ANSWERS; i++) {
            String customer = Long.toString(819_070_000_000L + i);
            writes.add(customers.submit(() -> ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages",
                    Json.createObjectBuilder().add("phoneNumberId", phoneNumberId).add("type", "text").add("text", "Is it in stock?")
                            .build()).status()));
        }
        for (Future<Integer> write : writes) {
            assertEquals(200, write.get());
        }
        customers.shutdown();
        eventually("every chat", 120, () -> TestDatabase.number("select count(*) from whatsapp.conversation where channel_id = ?",
                channel.getInt("id")) == ANSWERS);

        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            answerEveryone(channel.getInt("id"), adminId, "Good morning: we open at nine today (" + round + ").");
        }
        // The warm-up's statuses (sent, delivered, read) are processed before the measured sends begin.
        eventually("the warm-up's statuses processed", 120, () -> TestDatabase.number("select count(*) from"
                + " whatsapp.webhook_event where channel_id = ? and processed_at is null and parked_at is null",
                channel.getInt("id")) == 0);

        String answer = "Yes, it is: shall I reserve one?";
        long refusedBefore = throughputRefusals(phoneNumberId);
        Instant queued = answerEveryone(channel.getInt("id"), adminId, answer);
        long refused = throughputRefusals(phoneNumberId) - refusedBefore;
        Map<Long, Integer> perSecond = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        for (JsonValue value : ApiClient.sandbox(base).get("/sandbox/api/sent?phoneNumberId=" + phoneNumberId).structure()
                .asJsonArray()) {
            if (!answer.equals(value.asJsonObject().getJsonObject("body").getJsonObject("text").getString("body"))) {
                continue;
            }
            Instant at = Instant.parse(value.asJsonObject().getString("at"));
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            perSecond.merge(at.getEpochSecond(), 1, Integer::sum);
        }
        int busiest = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double span = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
        long failedForThroughput = TestDatabase.number("select count(*) from whatsapp.message m join whatsapp.conversation c"
                + " on c.id = m.conversation_id where c.channel_id = ? and m.error_code = 130429", channel.getInt("id"));
        // Sent from the first send to the last: the rate between them is one answer fewer than sent over that span.
        double sentPerSecond = (ANSWERS - 1) / Math.max(span, 0.001);
        System.out.printf("%nOutbound: %d answers sent in %.1f s, %.0f a second; busiest second %d; Meta refused %d sends"
                + " for throughput (130429), %d answers failed for it%n", ANSWERS, span, sentPerSecond, busiest, refused,
                failedForThroughput);
        BenchResults.write("outbound", BenchResults.JSON.createObjectBuilder().add("answers", ANSWERS).add("pace_per_second", PACE)
                .add("postgres", postgres)
                .add("seconds_from_first_to_last_send", BenchResults.round(span))
                .add("sent_per_second", BenchResults.figure(Math.round(sentPerSecond), "messages/s", Target.atLeast(PACE)))
                .add("busiest_second", BenchResults.figure(busiest, "messages", Target.atMost(META_LIMIT)))
                .add("meta_throughput_refusals_130429", BenchResults.figure(refused, "refusals", Target.atMost(0)))
                .add("answers_failed_for_throughput", failedForThroughput)
                .add("seconds_from_queued_to_first_send", BenchResults.round((first.toEpochMilli() - queued.toEpochMilli()) / 1000.0))
                .build());
        assertEquals(ANSWERS, perSecond.values().stream().mapToInt(Integer::intValue).sum(), "each answer reached Meta once");
    }

    /** Every 130429 the sandbox (Meta) answered the number since it started, whether or not the send was tried again. */
    private long throughputRefusals(String phoneNumberId) {
        for (JsonValue number : ApiClient.sandbox(base).get("/sandbox/api/numbers").structure().asJsonArray()) {
            if (number.asJsonObject().getString("phoneNumberId").equals(phoneNumberId)) {
                return number.asJsonObject().getJsonNumber("throughputRefusals").longValue();
            }
        }
        throw new AssertionError("the sandbox does not know number " + phoneNumberId);
    }

    /** Queues an answer in each of the channel's chats, as the outbox leaves it, and waits until all are sent. */
    private static Instant answerEveryone(int channelId, long authorId, String text) throws InterruptedException {
        Instant queued = Instant.now();
        TestDatabase.update("""
                insert into whatsapp.message (organisation_id, conversation_id, direction, type, text, status, status_at, sent_at,
                    created_at, reference_id, dispatch_after, author_id)
                select organisation_id, id, 'OUT', 'text', ?, 'QUEUED', now(), now(), now(), gen_random_uuid()::text, now(), ?
                  from whatsapp.conversation where channel_id = ?""", text, authorId, channelId);
        eventually("every answer sent", 120, Duration.ofSeconds(1), () -> TestDatabase.number("select count(*) from whatsapp.message m join"
                + " whatsapp.conversation c on c.id = m.conversation_id where c.channel_id = ? and m.direction = 'OUT'"
                + " and m.text = ? and m.wamid is not null", channelId, text) == ANSWERS);
        return queued;
    }
}
