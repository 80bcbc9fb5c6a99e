package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.domain.Channel;
import jakarta.annotation.Resource;
import io.crmkit.whatsapp.application.WakeableLoop;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
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

    private final WakeableLoop loop = new WakeableLoop();

    /** Runs when a delivery's events are committed, and every half second for work of other nodes or a crash. */
    public void start() {
        loop.start(threads, "whatsapp-inbound", Duration.ofMillis(500), this::drain);
    }

    public void stop() {
        loop.stop();
    }

    void onStored(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                  io.crmkit.whatsapp.application.webhook.WebhookEventsStored stored) {
        loop.wakeUp();
    }

    private void drain() {
        while (self.processBatch() == BATCH) {
            // more waiting
        }
    }

    /**
     * Processes up to one batch; answers how many events it took. A batch that fails is processed again one
     * event at a time, so that one bad event cannot hold back the others.
     */
    public int processBatch() {
        try {
            return self.processClaimedBatch();
        } catch (RuntimeException failed) {
            LOG.log(Level.FINE, "A batch failed; processing its events one by one", failed);
            return self.processOneByOne();
        }
    }

    @Transactional
    public int processClaimedBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, channel_id, kind, payload::text from whatsapp.webhook_event
                        where processed_at is null and parked_at is null order by id limit ?1 for update skip locked""")
                .setParameter(1, BATCH).getResultList();
        rows.forEach(this::process);
        em.flush();
        return rows.size();
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
        rows.forEach(this::process);
        em.flush();
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
        em.createNativeQuery("update whatsapp.webhook_event set processed_at = now() where id = ?1")
                .setParameter(1, ((Number) row[0]).longValue()).executeUpdate();
    }
}
