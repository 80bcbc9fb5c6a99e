package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.domain.Channel;
import jakarta.annotation.Resource;
import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.infrastructure.persistence.PostgresArrays;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes stored webhook events after the webhook was acknowledged: in id order, a batch at a time, each
 * batch claimed with {@code FOR UPDATE SKIP LOCKED} so that several nodes can share the work, and marked
 * processed in the same transaction as its effects, so that each event takes effect exactly once.
 */
@ApplicationScoped
public class WebhookEventDrain {
    private static final Logger LOG = Logger.getLogger(WebhookEventDrain.class.getName());
    private static final int BATCH = 200;
    private static final int MAX_ATTEMPTS = 5;

    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    InboundProcessor processor;
    @Inject
    WebhookEventDrain self;
    @Resource
    ManagedThreadFactory threads;

    /**
     * Workers on this node. Each takes the events of its own share of customers, so that two workers never
     * update the same conversation at once (which could deadlock); nodes share the work by skipping each
     * other's locks.
     */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "whatsapp.inbound.workers", defaultValue = "2")
    int workers;

    private final List<WakeableLoop> loops = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs when a delivery's events are committed, and every half second for work of other nodes or a crash. */
    public void start() {
        int count = Math.max(1, workers);
        for (int i = 0; i < count; i++) {
            WakeableLoop loop = new WakeableLoop();
            Share share = new Share(i, count);
            loop.start(threads, "whatsapp-inbound-" + (i + 1), Duration.ofMillis(500), () -> drain(share));
            loops.add(loop);
        }
    }

    public void stop() {
        loops.forEach(WakeableLoop::stop);
        loops.clear();
    }

    void onStored(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                  io.crmkit.whatsapp.application.webhook.WebhookEventsStored stored) {
        loops.forEach(WakeableLoop::wakeUp);
    }

    /** Worker {@code index} of {@code of} takes the events of the customers whose hash falls to it. */
    public record Share(int index, int of) {
    }

    private void drain(Share share) {
        while (self.processBatch(share) == BATCH) {
            // more waiting
        }
    }

    /**
     * Processes up to one batch of a share of the events; answers how many events it took. A batch that fails
     * is processed again one event at a time, so that one bad event cannot hold back the others.
     */
    public int processBatch(Share share) {
        try {
            return self.processClaimedBatch(share);
        } catch (RuntimeException failed) {
            LOG.log(Level.FINE, "A batch failed; processing its events one by one", failed);
            return self.processOneByOne();
        }
    }

    @Transactional
    public int processClaimedBatch(Share share) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, channel_id, kind, payload::text from whatsapp.webhook_event
                        where processed_at is null and parked_at is null
                          and mod(hashtext(coalesce(jsonb_extract_path_text(payload, 'message', 'from'),
                                                    jsonb_extract_path_text(payload, 'message', 'user_id'),
                                                    jsonb_extract_path_text(payload, 'status', 'recipient_id'), ''))
                                  & 2147483647, ?2) = ?3
                        order by id limit ?1 for update skip locked""")
                .setParameter(1, BATCH).setParameter(2, share.of()).setParameter(3, share.index()).getResultList();
        processAll(rows);
        return rows.size();
    }

    /**
     * Processes claimed events and marks them processed, in the caller's transaction. Queries do not flush the
     * whole batch's changes before they run (flush mode COMMIT): the processor flushes what later queries must
     * find, and an automatic flush before each of its queries would cost time growing with the batch.
     */
    private void processAll(List<Object[]> rows) {
        em.setFlushMode(FlushModeType.COMMIT);
        rows.forEach(this::process);
        if (!rows.isEmpty()) {
            em.createNativeQuery("update whatsapp.webhook_event set processed_at = now() where id = any(cast(?1 as bigint[]))")
                    .setParameter(1, PostgresArrays.ofIds(rows.stream().map(row -> (Number) row[0]).toList()))
                    .executeUpdate();
        }
        em.flush();
    }

    int processOneByOne() {
        List<Number> ids = self.waitingIds();
        for (Number id : ids) {
            try {
                self.processOne(id.longValue());
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Webhook event " + id + " could not be processed", failed);
                self.recordFailure(id.longValue(), failed);
            }
        }
        return ids.size();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Number> waitingIds() {
        return em.createNativeQuery("""
                        select id from whatsapp.webhook_event
                        where processed_at is null and parked_at is null order by id limit ?1""")
                .setParameter(1, BATCH).getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void processOne(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, channel_id, kind, payload::text from whatsapp.webhook_event
                        where id = ?1 and processed_at is null and parked_at is null for update skip locked""")
                .setParameter(1, id).getResultList();
        processAll(rows);
    }

    /** Counts a failed attempt; the fifth parks the event for an operator to look at. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(long id, RuntimeException failure) {
        String reason = String.valueOf(failure);
        em.createNativeQuery("""
                        update whatsapp.webhook_event set attempts = attempts + 1, last_error = ?1,
                          parked_at = case when attempts + 1 >= ?2 then now() end
                        where id = ?3""")
                .setParameter(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .setParameter(2, MAX_ATTEMPTS).setParameter(3, id).executeUpdate();
    }

    private void process(Object[] row) {
        Channel channel = em.find(Channel.class, ((Number) row[1]).longValue());
        JsonObject payload = Json.createReader(new StringReader((String) row[3])).readObject();
        switch ((String) row[2]) {
            case "MESSAGE" -> processor.message(channel, payload);
            case "STATUS" -> processor.status(channel, payload);
            default -> {
                // template updates and errors are recorded; their screens come with their features
            }
        }
    }
}
