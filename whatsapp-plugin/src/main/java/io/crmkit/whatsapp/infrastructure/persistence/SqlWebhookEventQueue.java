package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.inbound.WebhookEventQueue;
import io.crmkit.whatsapp.domain.BoundedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The webhook event queue in SQL: a claim is an update that takes waiting events as processed, under their customers'
 * advisory locks; shares by a hash of the customer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SqlWebhookEventQueue extends JpaRepository implements WebhookEventQueue {
    private static final int REASON_MAX = 1000;
    /**
     * The customer an event is about (a function of the schema); a worker's share of the events is a share of the
     * customers, so that events of one conversation are never processed by two workers at once.
     */
    private static final String CUSTOMER = "whatsapp.event_customer(payload)";
    /**
     * Takes the customer's lock for the rest of the transaction, or answers false when another node's transaction
     * holds it: nodes share out customers as a node's workers do, so that two nodes never process events of one
     * conversation at once, nor out of order. (The two-key form of PostgreSQL's advisory locks, whose keys never
     * meet the one-key form's.)
     */
    private static final String CUSTOMER_LOCKED = "pg_try_advisory_xact_lock(hashtext('whatsapp.customer'), hashtext(%s))";
    /**
     * How many of the oldest waiting events a worker looks at to find its share of a batch. The window is read in
     * id order from the index of waiting events and stops there, so that a claim costs the same with a backlog of a
     * hundred events or of a million; filtering the share over all waiting events (its customer lies in the payload)
     * cost a claim 40 ms with 140,000 waiting, a core's worth of the database at Meta's full throughput.
     */
    private static final int WINDOW_PER_WORKER = 2;
    /**
     * The oldest waiting events of a worker's share from id {@code ?5} on, at most {@code ?1}, in id order, with
     * their customer: from a window of the oldest such events of all shares ({@code ?2} workers, this one
     * {@code ?3}, {@code ?4} rows), which the schema's function reads along the index of waiting events.
     */
    private static final String SHARE = """
            window_ as materialized (select event_id as id, customer from whatsapp.oldest_due_events(?5, ?4)),
            share as materialized (
                select id, customer from window_ where mod(hashtext(customer) & 2147483647, ?2) = ?3 order by id limit ?1)
            """;


    /**
     * Takes events as processed, in one update: marked processed at the claim rather than after their processing, an
     * event's row is written once, not locked and then written again (each write of it also writes every index of the
     * table, for the processed mark is in the index of waiting events). Another worker waits on no such row: their
     * customers' locks are held. An event processed by a transaction that committed after this statement began is
     * left out, for the update reads each row again as it is now.
     */
    private static final String TAKE_AS_PROCESSED = """
            update whatsapp.webhook_event e set processed_at = now()
            where e.id = any(array(select id from mine)) and e.processed_at is null and e.parked_at is null
            returning e.id, e.channel_id, e.kind, e.payload::text""";

    /**
     * The processing's writes reach the database at {@link #writeProcessing} rather than before each of its queries
     * (flush mode COMMIT): an automatic flush before every query would cost time growing with the batch, and the
     * processor flushes itself what later queries must find.
     */
    @Override
    public List<StoredEvent> claim(int index, int of, long fromId, int limit) {
        em.setFlushMode(FlushModeType.COMMIT);
        // Each step is read and kept (materialized) before the next, so that customer locks are taken for this
        // worker's share alone. The events are then found by their ids as an array: joined to the ids instead, the
        // planner (believing the table nearly empty) walked every waiting event for them, 600 ms a claim.
        return events(em.createNativeQuery("""
                        with %s,
                        mine as materialized (select id from share where %s)
                        %s""".formatted(SHARE, CUSTOMER_LOCKED.formatted("customer"), TAKE_AS_PROCESSED))
                .setParameter(1, limit).setParameter(2, of).setParameter(3, index)
                .setParameter(4, window(limit, of)).setParameter(5, fromId).getResultList());
    }

    @Override
    public List<Long> waitingIds(int index, int of, int limit) {
        List<?> ids = em.createNativeQuery("with " + SHARE + " select id from share order by id")
                .setParameter(1, limit).setParameter(2, of).setParameter(3, index)
                .setParameter(4, window(limit, of)).setParameter(5, 0L).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** A window in which each worker's share holds about twice a batch, when the customers are many. */
    private static int window(int limit, int workers) {
        return limit * workers * WINDOW_PER_WORKER;
    }

    @Override
    public Optional<StoredEvent> claimOne(long id) {
        em.setFlushMode(FlushModeType.COMMIT);
        return events(em.createNativeQuery("""
                        with mine as materialized (
                            select id from whatsapp.webhook_event
                            where id = ?1 and processed_at is null and parked_at is null and %s)
                        %s""".formatted(CUSTOMER_LOCKED.formatted(CUSTOMER), TAKE_AS_PROCESSED))
                .setParameter(1, id).getResultList()).stream().findFirst();
    }

    @Override
    public void writeProcessing() {
        em.flush();
    }

    @Override
    public Attempts recordFailure(long id, String reason, int maxAttempts, Duration firstDelay) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        update whatsapp.webhook_event set attempts = attempts + 1, last_error = ?1,
                          parked_at = case when attempts + 1 >= ?2 then now() end,
                          next_attempt_at = now() + make_interval(secs => ?3 * power(2, least(attempts, 20)) / 1000.0)
                        where id = ?4
                        returning attempts, parked_at is not null""")
                .setParameter(1, BoundedText.fit(reason, REASON_MAX)).setParameter(2, maxAttempts)
                .setParameter(3, firstDelay.toMillis()).setParameter(4, id).getSingleResult();
        return new Attempts(((Number) row[0]).intValue(), (Boolean) row[1]);
    }

    @Override
    public List<ParkedEvent> parked(long organisationId, Optional<Long> beforeId, int limit) {
        List<?> rows = em.createNativeQuery("""
                        select e.id, e.channel_id, c.name, c.display_phone_number, e.kind, %s, e.received_at,
                               e.parked_at, e.attempts, coalesce(e.last_error, '')
                        from whatsapp.webhook_event e join whatsapp.channel c on c.id = e.channel_id
                        where e.organisation_id = ?1 and e.parked_at is not null and e.dismissed_at is null
                          and e.id < ?2
                        order by e.id desc limit ?3""".formatted(CUSTOMER.replace("payload", "e.payload")))
                .setParameter(1, organisationId).setParameter(2, beforeId.orElse(Long.MAX_VALUE))
                .setParameter(3, limit).getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new ParkedEvent(((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(), (String) row[2], (String) row[3], (String) row[4],
                Optional.ofNullable((String) row[5]).filter(customer -> !customer.isEmpty()), instant(row[6]),
                instant(row[7]), ((Number) row[8]).intValue(), (String) row[9])).toList();
    }

    @Override
    public boolean retry(long organisationId, long id) {
        return em.createNativeQuery("""
                        update whatsapp.webhook_event set parked_at = null, attempts = 0, next_attempt_at = null
                        where id = ?1 and organisation_id = ?2 and parked_at is not null and dismissed_at is null""")
                .setParameter(1, id).setParameter(2, organisationId).executeUpdate() == 1;
    }

    @Override
    public boolean dismiss(long organisationId, long id) {
        return em.createNativeQuery("""
                        update whatsapp.webhook_event set dismissed_at = now()
                        where id = ?1 and organisation_id = ?2 and parked_at is not null and dismissed_at is null""")
                .setParameter(1, id).setParameter(2, organisationId).executeUpdate() == 1;
    }

    @Override
    public long parkedCount() {
        return ((Number) em.createNativeQuery(
                        "select count(*) from whatsapp.webhook_event where parked_at is not null and dismissed_at is null")
                .getSingleResult()).longValue();
    }

    /** The claimed events in id order, the order in which Meta's changes must apply. */
    private static List<StoredEvent> events(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(row -> new StoredEvent(((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(), kind((String) row[2]), (String) row[3]))
                .sorted(Comparator.comparingLong(StoredEvent::id)).toList();
    }

    private static Kind kind(String stored) {
        return switch (stored) {
            case "MESSAGE" -> Kind.MESSAGE;
            case "STATUS" -> Kind.STATUS;
            case "TEMPLATE_STATUS" -> Kind.TEMPLATE;
            default -> Kind.OTHER;
        };
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
