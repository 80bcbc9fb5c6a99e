package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.application.RateLimits;
import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaApiException;
import io.crmkit.whatsapp.application.meta.OutgoingMessage;
import io.crmkit.whatsapp.application.outbound.DispatchPolicy.Decision;
import io.crmkit.whatsapp.application.outbound.DispatchPolicy.Outcome;
import io.crmkit.whatsapp.application.outbound.DispatchStore.FileToSend;
import io.crmkit.whatsapp.application.outbound.DispatchStore.Outgoing;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.domain.AttachmentFormat;
import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.TemplateHeader;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends queued messages, never twice. Messages are claimed a batch at a time (the oldest of each conversation, so
 * that one conversation's messages go one after the other; several nodes share the work, a dead node's claims
 * lapse). Several calls to Meta await their answers at once, since each call mostly waits; claimed messages are
 * marked in flight, in a committed transaction, only as calls become free. What each answer means is decided by the
 * {@link DispatchPolicy}, and recorded by the {@link DispatchStore} as soon as it comes, on a thread of its own. A
 * message Meta did not answer for stays in flight: its status webhooks, which carry its reference, settle it; if none
 * comes, it fails as "outcome unknown" rather than risk a second copy.
 *
 * <p>A per-number token bucket keeps the pace under Meta's throughput (80 messages a second by default, up to
 * 1,000). A file is uploaded to Meta's media endpoint before its message is sent.
 *
 * <p>Only the calls to Meta run on the sending threads; every transaction runs on the dispatcher's managed threads.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final int MAX_PASSING_ERRORS = 6;
    /** Below the Graph client's bulkhead, which other calls (uploads, template syncs) share. */
    private static final int MAX_CONCURRENT_SENDS = 32;

    @Inject
    CloudApi meta;
    @Inject
    DispatchStore store;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.messages-per-second", defaultValue = "80")
    int messagesPerSecond;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.retry-delay-ms", defaultValue = "2000")
    long retryDelayMs;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.unknown-outcome-after-seconds", defaultValue = "120")
    long unknownOutcomeAfterSeconds;
    /** How long a claim on a batch lasts: should this node die, its unsent messages go to another node after it. */
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.claim-lease-seconds", defaultValue = "60")
    long claimLeaseSeconds;
    /** How many sends wait for Meta's answers at once: with one, a node sends one message per answer time. */
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.concurrent-sends", defaultValue = "16")
    int concurrentSends;
    @Resource
    ManagedThreadFactory threads;

    private ExecutorService calls;
    /** Meta's answers, as they come. */
    private CompletionService<Decided> answers;
    /** A permit for each send that may await Meta's answer at the same time. */
    private Semaphore sendsAwaitingAnswers;

    private final Map<String, Bucket> pace = new ConcurrentHashMap<>();
    private final List<WakeableLoop> loops = new CopyOnWriteArrayList<>();
    private DispatchPolicy policy;

    @PostConstruct
    void configure() {
        policy = new DispatchPolicy(Duration.ofMillis(retryDelayMs), MAX_PASSING_ERRORS);
    }

    public void start() {
        int concurrent = Math.max(1, Math.min(MAX_CONCURRENT_SENDS, concurrentSends));
        calls = Executors.newFixedThreadPool(concurrent, SendingThread::new);
        answers = new ExecutorCompletionService<>(calls);
        sendsAwaitingAnswers = new Semaphore(concurrent);
        WakeableLoop sender = new WakeableLoop();
        sender.start(threads, "whatsapp-outbox", Duration.ofMillis(250), this::dispatch);
        loops.add(sender);
        WakeableLoop recorder = new WakeableLoop();
        recorder.start(threads, "whatsapp-outbox-answers", Duration.ofMillis(1), this::recordAnswers);
        loops.add(recorder);
        // On a thread of its own, so that a backlog keeping the sender busy does not keep it from its round.
        WakeableLoop settler = new WakeableLoop();
        settler.start(threads, "whatsapp-outbox-unknown-outcomes", Duration.ofSeconds(1),
                () -> store.settleUnknownOutcomes(Duration.ofSeconds(unknownOutcomeAfterSeconds)));
        loops.add(settler);
    }

    public void stop() {
        loops.forEach(WakeableLoop::stop);
        loops.clear();
        if (calls != null) {
            calls.shutdownNow();
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxFilled filled) {
        loops.forEach(WakeableLoop::wakeUp);
    }

    private void dispatch() {
        try {
            List<Long> claimed;
            do {
                claimed = store.claim(Duration.ofSeconds(claimLeaseSeconds));
                for (int from = 0; from < claimed.size(); ) {
                    int sendable = takeSendPermits(claimed.size() - from);
                    int sent = send(store.handOver(claimed.subList(from, from + sendable)));
                    sendsAwaitingAnswers.release(sendable - sent);
                    from += sendable;
                }
            } while (claimed.size() == store.batchSize());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until a send may start, and takes as many as may start now, up to {@code wanted}: only so many claimed
     * messages are handed over at once, so that those in flight are the ones being sent.
     */
    private int takeSendPermits(int wanted) throws InterruptedException {
        sendsAwaitingAnswers.acquire();
        int taken = 1 + sendsAwaitingAnswers.drainPermits();
        if (taken > wanted) {
            sendsAwaitingAnswers.release(taken - wanted);
            taken = wanted;
        }
        return taken;
    }

    /**
     * Sends messages handed over, each at its number's pace; answers how many calls it started, whose permits are given
     * back once their answers are recorded, on a thread of their own, so that a slow answer holds back no other.
     */
    private int send(List<Outgoing> handedOver) throws InterruptedException {
        int started = 0;
        for (Outgoing out : handedOver) {
            if (!pace(out.phoneNumberId()).asBlocking().tryConsume(1, paceWait())) {
                store.waitForPace(out.messageId(), paceWait());
                continue;
            }
            Optional<OutgoingMessage.Content> content = content(out);
            if (content.isPresent()) {
                started++;
                answers.submit(() -> new Decided(out.messageId(), out.channelId(), policy.afterSend(
                        call(() -> meta.send(out.accessToken(), out.phoneNumberId(),
                                new OutgoingMessage(out.to(), content.get(), out.quotedWamid(), out.referenceId()))),
                        out.attempts())));
            }
        }
        return started;
    }

    /**
     * Records Meta's answers as they come, each in a transaction of its own: recording may charge or release credits,
     * and one transaction doing so for several messages took its locks in another order than an agent's send does,
     * which deadlocked them. Returns after a second without answers.
     */
    private void recordAnswers() {
        try {
            for (Future<Decided> answer = answers.poll(1, TimeUnit.SECONDS); answer != null;
                 answer = answers.poll(1, TimeUnit.SECONDS)) {
                try {
                    record(answer.get());
                } catch (ExecutionException bug) {
                    // The call's outcome is unknown: the message stays in flight until its status or the time limit.
                    LOG.log(Level.WARNING, "A send failed unexpectedly; its message waits for its status", bug.getCause());
                } finally {
                    sendsAwaitingAnswers.release();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(Decided decided) {
        if (decided.decision() instanceof Decision.AwaitStatus) {
            LOG.log(Level.INFO, "Message {0}: no answer from Meta; waiting for its status", decided.messageId());
        }
        store.record(decided.messageId(), decided.channelId(), decided.decision());
    }

    private Bucket pace(String phoneNumberId) {
        return pace.computeIfAbsent(phoneNumberId, id -> RateLimits.pace(messagesPerSecond()));
    }

    /** How long a message waits for its number's pace: a little more than the pace's interval. */
    private Duration paceWait() {
        return Duration.ofMillis(1_000 / messagesPerSecond() + 50);
    }

    /** What the message carries; its file is uploaded first, once. Empty when the upload settled the message. */
    private Optional<OutgoingMessage.Content> content(Outgoing out) {
        if (out.template().isPresent()) {
            return template(out, out.template().get());
        }
        if (out.file().isEmpty()) {
            return Optional.of(new OutgoingMessage.Text(out.text().orElse("")));
        }
        FileToSend file = out.file().get();
        String mediaId;
        if (file.metaMediaId().isPresent()) {
            mediaId = file.metaMediaId().get();
        } else {
            Optional<String> uploaded = upload(out, file.mimeType(), file.fileName(), () -> store.fileContent(out.messageId()));
            if (uploaded.isEmpty()) {
                return Optional.empty();
            }
            mediaId = uploaded.get();
            store.uploaded(out.messageId(), mediaId);
        }
        AttachmentFormat.Kind kind = AttachmentFormat.Kind.ofWireType(out.type());
        return Optional.of(new OutgoingMessage.Media(out.type(), mediaId,
                kind.takesCaption() ? out.text() : Optional.empty(),
                kind.showsFileName() ? Optional.of(file.fileName()) : Optional.empty()));
    }

    /**
     * A template with its values; an image, video or document header's sample is uploaded for the send first. Empty
     * when the upload settled the message.
     */
    private Optional<OutgoingMessage.Content> template(Outgoing out, MessageDetails.TemplateSend template) {
        Optional<OutgoingMessage.HeaderMedia> header = Optional.empty();
        if (template.headerFile().isPresent()) {
            MessageDetails.HeaderFile file = template.headerFile().get();
            TemplateRepository.Sample sample = store.templateSample(file.sampleHandle());
            Optional<String> uploaded = upload(out, sample.mimeType(), sample.fileName(), sample::content);
            if (uploaded.isEmpty()) {
                return Optional.empty();
            }
            String wireType = file.format().name().toLowerCase(Locale.ROOT);
            header = Optional.of(new OutgoingMessage.HeaderMedia(wireType, uploaded.get(),
                    file.format() == TemplateHeader.Format.DOCUMENT ? Optional.of(file.fileName()) : Optional.empty()));
        }
        return Optional.of(new OutgoingMessage.Template(template.name(), template.language(), template.values(), header));
    }

    /**
     * Uploads a file the message sends; answers Meta's media id, or empty when the policy settled the message with
     * the upload's outcome (requeued or failed), which is then recorded.
     */
    private Optional<String> upload(Outgoing out, String mimeType, String fileName, Supplier<byte[]> content) {
        Decision decision = policy.afterUpload(call(() -> meta.uploadMedia(out.accessToken(), out.phoneNumberId(),
                mimeType, fileName, content.get())), out.attempts());
        if (decision instanceof Decision.SendWithFile uploaded) {
            return Optional.of(uploaded.mediaId());
        }
        store.record(out.messageId(), out.channelId(), decision);
        return Optional.empty();
    }

    /** A call to Meta, its answer or failure told apart as the policy needs it. */
    private static Outcome call(Supplier<String> call) {
        try {
            return new Outcome.Accepted(call.get());
        } catch (MetaApiException refused) {
            return new Outcome.Refused(refused);
        } catch (CircuitBreakerOpenException | BulkheadException notCalled) {
            return new Outcome.NotCalled();
        } catch (FaultToleranceException noAnswer) {
            return new Outcome.NoAnswer();
        }
    }

    /**
     * A thread that only calls Meta. Not a managed thread: Fault Tolerance schedules its circuit breaker's timers with
     * the calling thread's container context, and the context of managed threads, which the dispatcher's own thread
     * shares and fills with its persistence work, is cleaned up by each such timer: concurrent calls that opened the
     * circuit made Payara log SEVERE ("closed EntityManager", "no invocation on invocation stack").
     */
    private static final class SendingThread extends Thread {
        private static final AtomicInteger NUMBER = new AtomicInteger();

        SendingThread(Runnable calls) {
            super(calls, "whatsapp-outbox-send-" + NUMBER.incrementAndGet());
            setDaemon(true);
        }
    }

    /** What the policy decided about a message Meta was asked to take. */
    private record Decided(long messageId, long channelId, Decision decision) {
    }

    /** The configured pace, kept within what Meta grants a number (1 to 1,000 messages a second). */
    private int messagesPerSecond() {
        return Math.max(1, Math.min(1_000, messagesPerSecond));
    }
}
