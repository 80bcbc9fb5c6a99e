package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaApiException;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.meta.PermanentMetaException;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.infrastructure.TokenCipher;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.annotation.Resource;
import io.crmkit.whatsapp.application.WakeableLoop;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends queued messages, never twice. Each message is claimed (oldest first per conversation, rows taken
 * with {@code FOR UPDATE SKIP LOCKED} so that several nodes share the work) and marked in flight in a
 * committed transaction before Meta is called. Then:
 * <ul>
 *   <li>Meta's id → SENT;</li>
 *   <li>Meta answered with a passing error (rate limit, its own trouble) → it certainly did not take the
 *       message: queued again after a growing delay;</li>
 *   <li>Meta refused the message → FAILED with Meta's code and words;</li>
 *   <li>no answer (timeout, dropped connection, server killed) → the message stays in flight: its status
 *       webhooks, which carry its reference, settle it; if none comes, it fails as "outcome unknown" rather
 *       than risk a second copy.</li>
 * </ul>
 * A per-number token bucket keeps the pace under Meta's throughput (80 messages a second by default).
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final int BATCH = 20;
    private static final int MAX_PASSING_ERRORS = 6;

    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    CloudApi meta;
    @Inject
    TokenCipher cipher;
    @Inject
    Dispatcher self;
    @Inject
    Event<ConversationEvent> changes;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.messages-per-second", defaultValue = "80")
    int messagesPerSecond;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.retry-delay-ms", defaultValue = "2000")
    long retryDelayMs;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.unknown-outcome-after-seconds", defaultValue = "120")
    long unknownOutcomeAfterSeconds;
    @Resource
    ManagedThreadFactory threads;

    private final Map<String, Bucket> pace = new ConcurrentHashMap<>();
    private final WakeableLoop loop = new WakeableLoop();

    public void start() {
        loop.start(threads, "whatsapp-outbox", Duration.ofMillis(250), this::dispatch);
    }

    public void stop() {
        loop.stop();
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxFilled filled) {
        loop.wakeUp();
    }

    private void dispatch() {
        self.settleUnknownOutcomes();
        List<Long> claimed;
        do {
            claimed = self.claim();
            claimed.forEach(this::send);
        } while (claimed.size() == BATCH);
    }

    /** Takes the oldest queued message of each conversation and marks it in flight, committed before any call. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Long> claim() {
        List<Number> ids = em.createNativeQuery("""
                        select m.id from whatsapp.message m
                        where m.direction = 'OUT' and m.status = 'QUEUED' and m.dispatching_since is null
                          and m.dispatch_after <= now()
                          and not exists (select 1 from whatsapp.message earlier
                                          where earlier.conversation_id = m.conversation_id and earlier.direction = 'OUT'
                                            and earlier.status = 'QUEUED' and earlier.id < m.id)
                        order by m.id limit ?1 for update skip locked""").setParameter(1, BATCH).getResultList();
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        if (!claimed.isEmpty()) {
            em.createNativeQuery("update whatsapp.message set dispatching_since = now(), send_attempts = send_attempts + 1"
                    + " where id = any(cast(?1 as bigint[]))")
                    .setParameter(1, "{" + String.join(",", claimed.stream().map(String::valueOf).toList()) + "}")
                    .executeUpdate();
        }
        return claimed;
    }

    /** What one send needs, read in a transaction of its own. */
    record Outgoing(long messageId, long channelId, String phoneNumberId, byte[] encryptedToken, String to, String text,
                    Optional<String> quotedWamid, String referenceId, int attempts) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outgoing load(long messageId) {
        Message message = em.find(Message.class, messageId);
        Conversation conversation = em.find(Conversation.class, message.conversationId());
        Channel channel = em.find(Channel.class, conversation.channelId());
        String to = conversation.customerKey().startsWith("user:") ? conversation.customerKey().substring(5)
                : "+" + conversation.customerKey();
        return new Outgoing(messageId, channel.id(), channel.phoneNumberId(), channel.encryptedAccessToken(), to,
                message.text().orElse(""), message.contextWamid(), message.referenceId().orElseThrow(), message.sendAttempts());
    }

    private void send(long messageId) {
        Outgoing out = self.load(messageId);
        if (!pace.computeIfAbsent(out.phoneNumberId(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(messagesPerSecond)
                        .refillGreedy(messagesPerSecond, Duration.ofSeconds(1)).build()).build()).tryConsume(1)) {
            self.settle(messageId, m -> m.requeue(Instant.now().plusMillis(1_000 / Math.max(1, messagesPerSecond) + 50)));
            return;
        }
        try {
            String wamid = meta.sendText(cipher.decrypt(out.encryptedToken()), out.phoneNumberId(), out.to(), out.text(),
                    out.quotedWamid(), out.referenceId());
            self.accepted(messageId, wamid);
        } catch (MetaAuthorizationException refused) {
            self.channelRefused(out.channelId());
            self.settle(messageId, m -> m.fail(Optional.of(refused.error().code()), refused.error().describe()
                    + " — an administrator must re-authorise the number", Instant.now()));
        } catch (TransientMetaException passing) {
            if (passing.error().httpStatus() == 0) {
                // No answer: Meta may have the message. Its status webhooks settle it.
                LOG.log(Level.INFO, "Message {0}: no answer from Meta; waiting for its status", messageId);
            } else {
                requeueOrFail(messageId, passing, out.attempts());
            }
        } catch (PermanentMetaException refused) {
            self.settle(messageId, m -> m.fail(Optional.of(refused.error().code()), refused.error().describe(), Instant.now()));
        } catch (CircuitBreakerOpenException | org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException notCalled) {
            self.settle(messageId, m -> m.requeue(Instant.now().plusMillis(retryDelayMs)));
        } catch (FaultToleranceException timedOut) {
            LOG.log(Level.INFO, "Message {0}: Meta did not answer in time; waiting for its status", messageId);
        }
    }

    private void requeueOrFail(long messageId, MetaApiException passing, int attempts) {
        if (attempts >= MAX_PASSING_ERRORS) {
            self.settle(messageId, m -> m.fail(Optional.of(passing.error().code()), passing.error().describe(), Instant.now()));
        } else {
            self.settle(messageId, m -> m.requeue(Instant.now().plusMillis(retryDelayMs << Math.min(attempts - 1, 8))));
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settle(long messageId, java.util.function.Consumer<Message> change) {
        Message message = em.find(Message.class, messageId);
        if (message.status() == DeliveryStatus.QUEUED) {
            change.accept(message);
            changes.fire(ConversationEvent.status(message.organisationIdForEvents(), message.conversationId(), messageId));
        }
    }

    /** Meta took the message: record its id, and the statuses that arrived before this answer did. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void accepted(long messageId, String wamid) {
        Message message = em.find(Message.class, messageId);
        if (message.wamid().isEmpty()) {
            message.acceptedAs(wamid, Instant.now());
        }
        EarlyStatuses.apply(em, message);
        changes.fire(ConversationEvent.status(message.organisationIdForEvents(), message.conversationId(), messageId));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void channelRefused(long channelId) {
        em.find(Channel.class, channelId).requireReauthorisation();
    }

    /** Messages in flight too long without any status: whether Meta took them cannot be known. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settleUnknownOutcomes() {
        List<Message> stuck = em.createQuery("select m from Message m where m.status = :queued and m.dispatchingSince < :limit",
                        Message.class)
                .setParameter("queued", DeliveryStatus.QUEUED)
                .setParameter("limit", Instant.now().minusSeconds(unknownOutcomeAfterSeconds)).getResultList();
        for (Message message : stuck) {
            message.fail(Optional.empty(), "Meta did not answer and sent no status, so it is unknown whether the customer"
                    + " received this message. Check the chat on the phone before sending it again.", Instant.now());
            changes.fire(ConversationEvent.status(message.organisationIdForEvents(), message.conversationId(), message.id()));
        }
    }
}
