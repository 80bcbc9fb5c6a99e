package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.TopUp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Credits being bought and bought. */
public interface TopUpRepository {

    /** Stores a new top-up and commits nothing yet; its id is known on return. */
    TopUp add(TopUp topUp);

    Optional<TopUp> find(long organisationId, long id);

    /** Any organisation's top-up, for the work that settles them. */
    Optional<TopUp> findById(long id);

    /** The top-up with this idempotency key, whoever asked for it. */
    Optional<TopUp> findByKey(String idempotencyKey);

    /** Whether an automatic top-up of the organisation waits for its payment. */
    boolean automaticPending(long organisationId);

    /** Credits auto-recharge bought or is buying between the two instants. */
    BigDecimal rechargedBetween(long organisationId, Instant from, Instant to);

    /** The organisation's latest top-ups, newest first. */
    List<TopUp> latest(long organisationId, int limit);

    /** Ids of top-ups still waiting for the host's answer since before {@code before}, of every organisation. */
    List<Long> pendingSince(Instant before);
}
