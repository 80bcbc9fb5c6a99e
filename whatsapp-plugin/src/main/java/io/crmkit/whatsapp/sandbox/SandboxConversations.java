package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.RateLimits;
import io.github.bucket4j.Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Meta's messaging rules as the sandbox keeps them: the 24-hour customer-service window opened by each
 * inbound message, the per-number throughput limit, and the record of what the plugin sent, in order.
 */
@ApplicationScoped
public class SandboxConversations {
    static final Duration WINDOW = Duration.ofHours(24);

    @Inject
    @ConfigProperty(name = "whatsapp.sandbox.throughput-per-second", defaultValue = "80")
    int throughputPerSecond;
    @Inject
    SandboxStore store;

    private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();
    private final Map<String, Bucket> throughput = new ConcurrentHashMap<>();
    /** Every 130429 answered, by number: what a sender's pace is judged by, whether or not it retried. */
    private final Map<String, LongAdder> throughputRefusals = new ConcurrentHashMap<>();
    private final RecentRecords<Sent> sent = new RecentRecords<>(20_000);
    private final RecentRecords<String> readReceipts = new RecentRecords<>(20_000);

    void recordReadReceipt(String wamid) {
        readReceipts.add(wamid);
    }

    /** The messages the business marked read, in order. */
    public List<String> readReceipts() {
        return readReceipts.all();
    }

    /** A message the plugin sent, as the sandbox accepted it. */
    public record Sent(String wamid, String phoneNumberId, String to, String type, JsonObject body, Instant at) {
    }

    void customerWrote(String phoneNumberId, String waId, Instant at) {
        lastInbound.put(phoneNumberId + "/" + waId, at);
        store.keepWindow(phoneNumberId, waId, at);
    }

    /** A window the sandbox knew before this start. */
    void restoreWindow(String phoneNumberId, String waId, Instant lastInboundAt) {
        lastInbound.merge(phoneNumberId + "/" + waId, lastInboundAt, (known, kept) -> known.isAfter(kept) ? known : kept);
    }

    boolean windowOpen(String phoneNumberId, String waId, Instant now) {
        Instant last = lastInbound.get(phoneNumberId + "/" + waId);
        return last != null && last.plus(WINDOW).isAfter(now);
    }

    /** Whether the number may send one more message now; a refusal (Meta answers 130429) is counted. */
    boolean tryAcquireThroughput(String phoneNumberId) {
        boolean allowed = throughput.computeIfAbsent(phoneNumberId, id -> RateLimits.perSecond(throughputPerSecond)).tryConsume(1);
        if (!allowed) {
            throughputRefusals.computeIfAbsent(phoneNumberId, id -> new LongAdder()).increment();
        }
        return allowed;
    }

    /** How many sends of the number were refused for its throughput (130429) since the sandbox started. */
    long throughputRefusals(String phoneNumberId) {
        LongAdder refusals = throughputRefusals.get(phoneNumberId);
        return refusals == null ? 0 : refusals.sum();
    }

    /**
     * Gives one number a throughput of its own, as Meta does when it upgrades a number (80 messages a second by
     * default, up to 1,000).
     *
     * @throws IllegalArgumentException for a rate outside 1 to 1,000
     */
    void setThroughput(String phoneNumberId, int messagesPerSecond) {
        if (messagesPerSecond < 1 || messagesPerSecond > 1_000) {
            throw new IllegalArgumentException("a number's throughput is 1 to 1000 messages a second");
        }
        throughput.put(phoneNumberId, RateLimits.perSecond(messagesPerSecond));
    }

    void record(Sent message) {
        sent.add(message);
    }

    public List<Sent> sent() {
        return sent.all();
    }
}
