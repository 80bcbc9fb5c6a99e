package io.crmkit.whatsapp.application.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored webhook events waiting to be processed, as a queue that several workers and nodes share: a claim takes
 * its events as processed in the caller's transaction, so that they are processed if it commits and wait again if it
 * rolls back, and never takes events of a customer whose events another transaction holds; a failed event waits
 * before its next attempt and is parked after the last one. Every method joins the caller's transaction.
 */
public interface WebhookEventQueue {

    /** One stored event, as Meta's JSON. */
    record StoredEvent(long id, long channelId, Kind kind, String payloadJson) {
    }

    /** What an event is about; kinds stored before this version of the plugin knew them are {@code OTHER}. */
    enum Kind { MESSAGE, STATUS, TEMPLATE, OTHER }

    /**
     * An event that could not be processed and waits for an administrator.
     *
     * @param customer the customer's WhatsApp id or user id, when the event names one
     */
    record ParkedEvent(long id, long channelId, String channelName, String displayPhoneNumber, String kind,
                       Optional<String> customer, Instant receivedAt, Instant parkedAt, int attempts, String reason) {
    }

    /** The failed attempts counted so far, and whether the event is now parked. */
    record Attempts(int count, boolean parked) {
    }

    /**
     * Takes as processed, and answers, up to {@code limit} waiting events of share {@code index} of {@code of}, with
     * ids from {@code fromId} on, oldest first. A share is a share of the customers, so that events of one
     * conversation never go to two workers at once. The transaction's writes may wait until
     * {@link #writeProcessing}: a processor flushes what its own later queries must find.
     */
    List<StoredEvent> claim(int index, int of, long fromId, int limit);

    /** The ids of up to {@code limit} waiting events of a share, oldest first, without holding them. */
    List<Long> waitingIds(int index, int of, int limit);

    /** Takes one event as {@link #claim} does, if it still waits and no one holds its customer's events. */
    Optional<StoredEvent> claimOne(long id);

    /**
     * Writes everything the processing of the claimed events changed, so that a failure surfaces here rather than
     * at commit.
     */
    void writeProcessing();

    /**
     * Counts a failed attempt. The event waits {@code firstDelay} after the first failure, twice as long after
     * each next one, and is parked at the {@code maxAttempts}th.
     */
    Attempts recordFailure(long id, String reason, int maxAttempts, Duration firstDelay);

    /** Parked events of an organisation that no one dismissed, latest received first, before the cursor id. */
    List<ParkedEvent> parked(long organisationId, Optional<Long> beforeId, int limit);

    /** Gives a parked event of the organisation its attempts back; false when there is no such parked event. */
    boolean retry(long organisationId, long id);

    /** Leaves a parked event of the organisation aside for good; false when there is no such parked event. */
    boolean dismiss(long organisationId, long id);

    /** Parked events of every organisation that no one dismissed. */
    long parkedCount();
}
