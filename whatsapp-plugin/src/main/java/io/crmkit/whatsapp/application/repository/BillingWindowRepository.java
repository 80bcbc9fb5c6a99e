package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.BillingWindow;
import io.crmkit.whatsapp.domain.MetaPricing;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Paid and counted conversations. */
public interface BillingWindowRepository {

    /** The chat's conversation that covers a message sent at {@code at}: reserved, charged or free, not yet ended. */
    Optional<BillingWindow> coveringAt(long conversationId, Instant at);

    Optional<BillingWindow> find(long id);

    /** The window as it is now, locked until the transaction ends: its state changes one transaction at a time. */
    BillingWindow lock(BillingWindow window);

    /** Stores a new window; its id is known on return. */
    BillingWindow add(BillingWindow window);

    /** Service conversations counted free between the two instants. */
    long countedFreeBetween(long organisationId, Instant from, Instant to);

    /** What Meta's statuses said it billed for the first message of each window that has it. */
    Map<Long, MetaPricing> metaPricingOf(Collection<Long> windowIds);

    /** Whether Meta refused every message sent in the window other than {@code messageId} (whose change may not be written yet). */
    boolean everyOtherMessageFailed(long windowId, long messageId);
}
