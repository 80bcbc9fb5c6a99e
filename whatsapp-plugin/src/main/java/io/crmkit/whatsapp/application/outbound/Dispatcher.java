package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.meta.OutgoingMessage;
import io.crmkit.whatsapp.application.meta.PermanentMetaException;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import io.crmkit.whatsapp.domain.AttachmentFormat;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.infrastructure.RateLimits;
import io.crmkit.whatsapp.infrastructure.TokenCipher;
import io.crmkit.whatsapp.infrastructure.persistence.PostgresArrays;
import io.github.bucket4j.Bucket;
import jakarta.annotation.Resource;
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
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
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
 * A per-number token bucket keeps the pace under Meta's throughput (80 messages a second by default, up to
 * 1,000); Meta's pair limit (131056) holds the conversation's next message back for 4^n seconds. A file is
 * uploaded to Meta's media endpoint before its message is sent.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final int BATCH = 20;
    private static final int MAX_PASSING_ERRORS = 6;
    /** Meta's pair rate limit: too many messages to the same customer in a short time. */
    private static final int PAIR_LIMIT = 131056;
    /** 1 + 4 + 16 + 64 + 256 + 1024 units: about 23 minutes with Meta's second, then the message fails. */
    private static final int PAIR_LIMIT_HOLDS = 6;

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
    @ConfigProperty(name = "whatsapp.outbox.pair-limit-unit-ms", defaultValue = "1000")
    long pairLimitUnitMs;
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
                    .setParameter(1, PostgresArrays.ofIds(claimed))
                    .executeUpdate();
        }
        return claimed;
    }

    /** A file to send with a message: uploaded to Meta first, once (its media id is kept). */
    record FileToSend(String mimeType, String fileName, Optional<String> mediaId) {
    }

    /** What one send needs, read in a transaction of its own. */
    record Outgoing(long messageId, long channelId, String phoneNumberId, byte[] encryptedToken, String to, String type,
                    Optional<String> text, Optional<FileToSend> file, Optional<String> quotedWamid, String referenceId,
                    int attempts) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public Outgoing load(long messageId) {
        Message message = em.find(Message.class, messageId);
        Conversation conversation = em.find(Conversation.class, message.conversationId());
        Channel channel = em.find(Channel.class, conversation.channelId());
        String to = conversation.customer().recipient();
        Optional<FileToSend> file = ((List<Object[]>) em.createNativeQuery(
                        "select mime_type, file_name, media_id from whatsapp.media_file where message_id = ?1")
                .setParameter(1, messageId).getResultList()).stream()
                .map(row -> new FileToSend((String) row[0], (String) row[1], Optional.ofNullable((String) row[2])))
                .findFirst();
        return new Outgoing(messageId, channel.id(), channel.phoneNumberId(), channel.encryptedAccessToken(), to,
                message.type(), message.text(), file, message.contextWamid(), message.referenceId().orElseThrow(),
                message.sendAttempts());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public byte[] fileContent(long messageId) {
        return (byte[]) em.createNativeQuery("select content from whatsapp.media_file where message_id = ?1")
                .setParameter(1, messageId).getSingleResult();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void uploaded(long messageId, String mediaId) {
        em.createNativeQuery("update whatsapp.media_file set media_id = ?2 where message_id = ?1")
                .setParameter(1, messageId).setParameter(2, mediaId).executeUpdate();
    }

    private void send(long messageId) {
        Outgoing out = self.load(messageId);
        if (!pace.computeIfAbsent(out.phoneNumberId(), id -> RateLimits.perSecond(messagesPerSecond())).tryConsume(1)) {
            self.settle(messageId, m -> m.requeue(Instant.now().plusMillis(1_000 / messagesPerSecond() + 50)));
            return;
        }
        String token = cipher.decrypt(out.encryptedToken(), TokenCipher.channelToken(out.phoneNumberId()));
        Optional<OutgoingMessage.Content> content = content(out, token);
        if (content.isEmpty()) {
            return;
        }
        try {
            String wamid = meta.send(token, out.phoneNumberId(),
                    new OutgoingMessage(out.to(), content.get(), out.quotedWamid(), out.referenceId()));
            self.accepted(messageId, wamid);
        } catch (MetaAuthorizationException refused) {
            channelRefused(out, refused);
        } catch (TransientMetaException passing) {
            if (passing.error().code() == PAIR_LIMIT) {
                holdForPairLimit(messageId, passing);
            } else if (passing.error().httpStatus() == 0) {
                // No answer: Meta may have the message. Its status webhooks settle it.
                LOG.log(Level.INFO, "Message {0}: no answer from Meta; waiting for its status", messageId);
            } else {
                requeueOrFail(messageId, passing.error().code(), passing.error().describe(), out.attempts());
            }
        } catch (PermanentMetaException refused) {
            self.settle(messageId, m -> m.fail(Optional.of(refused.error().code()), refused.error().describe(), Instant.now()));
        } catch (CircuitBreakerOpenException | BulkheadException notCalled) {
            self.settle(messageId, m -> m.requeue(Instant.now().plusMillis(retryDelayMs)));
        } catch (FaultToleranceException timedOut) {
            LOG.log(Level.INFO, "Message {0}: Meta did not answer in time; waiting for its status", messageId);
        }
    }

    /**
     * What the message carries; a file is uploaded first. Nothing reaches the customer by an upload, so any
     * failure of it is safe to try again later. Empty when the message was settled instead.
     */
    private Optional<OutgoingMessage.Content> content(Outgoing out, String token) {
        if (out.file().isEmpty()) {
            return Optional.of(new OutgoingMessage.Text(out.text().orElse("")));
        }
        FileToSend file = out.file().get();
        String mediaId;
        try {
            mediaId = file.mediaId().isPresent() ? file.mediaId().get()
                    : meta.uploadMedia(token, out.phoneNumberId(), file.mimeType(), file.fileName(), self.fileContent(out.messageId()));
        } catch (MetaAuthorizationException refused) {
            channelRefused(out, refused);
            return Optional.empty();
        } catch (PermanentMetaException refused) {
            self.settle(out.messageId(), m -> m.fail(Optional.of(refused.error().code()),
                    "the file could not be uploaded to WhatsApp: " + refused.error().describe(), Instant.now()));
            return Optional.empty();
        } catch (TransientMetaException passing) {
            requeueOrFail(out.messageId(), passing.error().code(), passing.error().describe(), out.attempts());
            return Optional.empty();
        } catch (FaultToleranceException notAnswered) {
            requeueOrFail(out.messageId(), -1, "the file upload to WhatsApp did not finish", out.attempts());
            return Optional.empty();
        }
        if (file.mediaId().isEmpty()) {
            self.uploaded(out.messageId(), mediaId);
        }
        AttachmentFormat.Kind kind = AttachmentFormat.Kind.ofWireType(out.type());
        return Optional.of(new OutgoingMessage.Media(out.type(), mediaId,
                kind.takesCaption() ? out.text() : Optional.empty(),
                kind.showsFileName() ? Optional.of(file.fileName()) : Optional.empty()));
    }

    private void channelRefused(Outgoing out, MetaAuthorizationException refused) {
        self.channelRefused(out.channelId());
        self.settle(out.messageId(), m -> m.fail(Optional.of(refused.error().code()), refused.error().describe()
                + " — an administrator must re-authorise the number", Instant.now()));
    }

    /** Meta refused because this customer was messaged too often: wait 4^n units, then fail with Meta's words. */
    private void holdForPairLimit(long messageId, TransientMetaException limited) {
        self.settle(messageId, m -> {
            if (!m.holdForPairLimit(Instant.now(), Duration.ofMillis(pairLimitUnitMs), PAIR_LIMIT_HOLDS)) {
                m.fail(Optional.of(PAIR_LIMIT), limited.error().describe()
                        + " — WhatsApp limits how often one customer can be messaged; send it again later", Instant.now());
            }
        });
    }

    private void requeueOrFail(long messageId, int code, String reason, int attempts) {
        if (attempts >= MAX_PASSING_ERRORS) {
            self.settle(messageId, m -> m.fail(Optional.of(code), reason, Instant.now()));
        } else {
            self.settle(messageId, m -> m.requeue(Instant.now().plusMillis(retryDelayMs << Math.min(attempts - 1, 8))));
        }
    }

    /** The configured pace, kept within what Meta grants a number (1 to 1,000 messages a second). */
    private int messagesPerSecond() {
        return Math.max(1, Math.min(1_000, messagesPerSecond));
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
