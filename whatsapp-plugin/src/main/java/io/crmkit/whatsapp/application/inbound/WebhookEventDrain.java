package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.application.inbound.WebhookEventQueue.StoredEvent;
import io.crmkit.whatsapp.application.meta.WebhookPayloads;
import io.crmkit.whatsapp.application.templates.TemplateReviews;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.domain.Channel;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes stored webhook events after the webhook was acknowledged: in id order, a batch at a time, each
 * batch claimed under its customers' locks so that several nodes can share the work, and taken as processed in
 * the same transaction as its effects, so that each event takes effect exactly once.
 *
 * <p>A batch that does not commit, whether an exception surfaced or something only marked its transaction
 * for rollback, is processed again one event at a time, so that the others of the batch go through without
 * the bad one. Each failure of an event is counted; the event waits longer before each next attempt and is
 * parked after the last, for an administrator to retry or dismiss (Delivery problems).
 */
@ApplicationScoped
public class WebhookEventDrain {
    private static final Logger LOG = Logger.getLogger(WebhookEventDrain.class.getName());
    private static final int BATCH = 200;
    static final int MAX_ATTEMPTS = 5;

    @Inject
    InboundProcessor processor;
    @Inject
    ChannelRepository channels;
    @Inject
    WebhookPayloads payloads;
    @Inject
    TemplateReviews templateReviews;
    @Inject
    WebhookEventQueue queue;
    @Inject
    WebhookEventDrain self;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    TransactionSynchronizationRegistry transaction;

    /**
     * Workers on this node. Each takes the events of its own share of customers, so that two workers never
     * update the same conversation at once (which could deadlock); nodes share the work by skipping each
     * other's locks.
     */
    @Inject
    @ConfigProperty(name = "whatsapp.inbound.workers", defaultValue = "2")
    int workers;

    /** How long an event waits after its first failure; each next failure doubles it. */
    @Inject
    @ConfigProperty(name = "whatsapp.inbound.retry-delay-ms", defaultValue = "2000")
    long retryDelayMs;

    private final List<WakeableLoop> loops = new CopyOnWriteArrayList<>();

    /** Runs when a delivery's events are committed, and every half second for work of other nodes or a crash. */
    public void start() {
        int count = Math.max(1, workers);
        for (int i = 0; i < count; i++) {
            WakeableLoop loop = new WakeableLoop();
            Worker worker = new Worker(new Share(i, count), System::nanoTime);
            loop.start(threads, "whatsapp-inbound-" + (i + 1), Duration.ofMillis(500), () -> drain(worker));
            loops.add(loop);
        }
    }

    public void stop() {
        loops.forEach(WakeableLoop::stop);
        loops.clear();
    }

    /** Asks every worker of this node to look for work now. */
    public void wakeUp() {
        loops.forEach(WakeableLoop::wakeUp);
    }

    void onStored(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                  io.crmkit.whatsapp.application.webhook.WebhookEventsStored stored) {
        wakeUp();
    }

    /** Worker {@code index} of {@code of} takes the events of the customers whose hash falls to it. */
    public record Share(int index, int of) {
    }

    /**
     * A worker's share, and where its claims start looking. Processed events leave entries behind in the index of
     * waiting events until PostgreSQL vacuums them, and under full load a claim from the first id stepped over
     * a hundred thousand of them (12 ms a claim). A claim therefore starts at the oldest event the worker's last
     * claim took. Events it would not see from there (an event committed after others with higher ids, an event
     * held by another node, a failed event whose next attempt is due) are found by a claim from the first id,
     * made after a claim that found nothing and at least every {@link #LOOK_FROM_THE_START_EVERY}.
     */
    static final class Worker {
        static final Duration LOOK_FROM_THE_START_EVERY = Duration.ofSeconds(1);

        final Share share;
        private final LongSupplier nanoTime;
        private long from;
        private long lookedFromTheStartAt;

        Worker(Share share, LongSupplier nanoTime) {
            this.share = share;
            this.nanoTime = nanoTime;
            this.lookedFromTheStartAt = nanoTime.getAsLong();
        }

        /** The id the next claim starts at. */
        long claimFrom() {
            long now = nanoTime.getAsLong();
            if (now - lookedFromTheStartAt >= LOOK_FROM_THE_START_EVERY.toNanos()) {
                from = 0;
            }
            if (from == 0) {
                lookedFromTheStartAt = now;
            }
            return from;
        }

        /** Notes what a claim took; answers whether more may wait (a claim that found nothing from the start). */
        boolean claimed(List<StoredEvent> events) {
            boolean fromTheStart = from == 0;
            from = events.isEmpty() ? 0 : events.get(0).id();
            return !events.isEmpty() || !fromTheStart;
        }
    }

    /**
     * Goes on while batches come: a batch can be short of a full one while more of this worker's events wait,
     * since a claim looks at the oldest waiting events only.
     */
    private void drain(Worker worker) {
        while (processBatch(worker)) {
            // more may wait
        }
    }

    /** Processes up to one batch of a worker's share of the events; answers whether more may wait. */
    private boolean processBatch(Worker worker) {
        try {
            return worker.claimed(self.processClaimedBatch(worker.share, worker.claimFrom()));
        } catch (RuntimeException failed) {
            LOG.log(Level.FINE, "A batch did not commit; processing its events one by one", failed);
            return processOneByOne(worker.share) > 0;
        }
    }

    /** Claims and processes a batch of the share's events from id {@code fromId} on; answers the events. */
    @Transactional
    public List<StoredEvent> processClaimedBatch(Share share, long fromId) {
        List<StoredEvent> events = queue.claim(share.index(), share.of(), fromId, BATCH);
        processAll(events);
        return events;
    }

    private int processOneByOne(Share share) {
        List<Long> ids = self.waitingIds(share);
        for (long id : ids) {
            try {
                self.processOne(id);
            } catch (RuntimeException failed) {
                self.recordFailure(id, failed);
            }
        }
        return ids.size();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> waitingIds(Share share) {
        return queue.waitingIds(share.index(), share.of(), BATCH);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void processOne(long id) {
        processAll(queue.claimOne(id).stream().toList());
    }

    /**
     * Processes claimed events, in the caller's transaction.
     *
     * @throws SilentRollbackException when something marked the transaction for rollback without throwing:
     *                                 its commit would undo everything without telling anyone
     */
    private void processAll(List<StoredEvent> events) {
        runsOfOneKindAndChannel(events).forEach(this::process);
        queue.writeProcessing();
        if (transaction.getRollbackOnly()) {
            throw new SilentRollbackException();
        }
    }

    /** Counts a failed attempt; the last one parks the event and says so once in the log. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(long id, RuntimeException failure) {
        String reason = reason(failure);
        WebhookEventQueue.Attempts attempts = queue.recordFailure(id, reason, MAX_ATTEMPTS, Duration.ofMillis(retryDelayMs));
        if (attempts.parked()) {
            LOG.log(Level.WARNING, "Webhook event {0} could not be processed in {1} attempts and is parked: {2}."
                            + " An administrator can retry or dismiss it in Settings > Messages > Delivery problems.",
                    new Object[]{Long.toString(id), attempts.count(), reason});
        } else {
            LOG.log(Level.FINE, "Webhook event " + id + " failed (attempt " + attempts.count() + "); trying again later",
                    failure);
        }
    }

    /**
     * What went wrong, in words: the failure's own message, or for a commit that failed (which JTA wraps) its
     * innermost cause's, such as the database's.
     */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        if (failure instanceof jakarta.transaction.TransactionalException) {
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** The events in their order, cut where the kind or the channel changes. */
    private static List<List<StoredEvent>> runsOfOneKindAndChannel(List<StoredEvent> events) {
        List<List<StoredEvent>> runs = new ArrayList<>();
        List<StoredEvent> run = new ArrayList<>();
        for (StoredEvent event : events) {
            if (!run.isEmpty() && (run.get(0).kind() != event.kind() || run.get(0).channelId() != event.channelId())) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(event);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static JsonObject json(StoredEvent event) {
        return Jsonp.createReader(new StringReader(event.payloadJson())).readObject();
    }

    /** Processes events of one kind and channel, in their order. */
    private void process(List<StoredEvent> run) {
        Channel channel = channels.find(run.get(0).channelId()).orElseThrow();
        switch (run.get(0).kind()) {
            case MESSAGE -> run.forEach(event -> processor.message(channel, payloads.message(json(event))));
            case STATUS -> processor.statuses(channel, run.stream().map(event -> payloads.status(json(event))).toList());
            case TEMPLATE -> run.forEach(event -> templateReviews.apply(channel, payloads.templateUpdate(json(event))));
            case OTHER -> {
                // errors are recorded; their screen comes with its feature
            }
        }
    }

    /** The processing raised nothing, yet its transaction can only roll back. */
    static final class SilentRollbackException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SilentRollbackException() {
            super("the processing was rolled back although nothing raised an error: a service it called marked the"
                    + " transaction for rollback");
        }
    }
}
