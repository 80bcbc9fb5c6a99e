package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.Message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The messages of conversations, inbound and outbound; outbound ones also wait here to be sent. */
public interface MessageRepository {

    /** Stores a new message; its id is known on return. */
    Message add(Message message);

    Optional<Message> find(long messageId);

    /** The messages with these ids, by id; an unknown id is left out. */
    Map<Long, Message> findAll(Collection<Long> messageIds);

    /** Writes the message's changes now, so that later queries of the transaction find it as it is. */
    void writeNow(Message message);

    /** The latest {@code limit} messages before {@code beforeId}, newest first; only the customer's if asked. */
    List<Message> latest(long conversationId, int limit, Optional<Long> beforeId, boolean incomingOnly);

    Optional<Message> findInConversation(long conversationId, String wamid);

    /** The organisation's outbound messages with these Meta ids, by Meta's id; an unknown id is left out. */
    Map<String, Message> findOutbound(long organisationId, Collection<String> wamids);

    /** The organisation's outbound message with the plugin's reference (see {@link Message#referenceId()}). */
    Optional<Message> findByReference(long organisationId, String referenceId);

    /** Meta's id of the customer's latest message in the conversation. */
    Optional<String> latestInboundWamid(long conversationId);

    /**
     * Claims up to {@code limit} messages due for sending, the oldest queued one of each conversation, for
     * {@code lease}: rows held by another node and claims younger than the lease are skipped.
     */
    List<Long> claimDue(int limit, java.time.Duration lease);

    /**
     * Marks claimed messages as being handed to Meta, counting an attempt, except those settled or being handed over
     * by another dispatcher (whose lease this one's outlived): answers the ids that are this caller's to send.
     */
    List<Long> handOver(Collection<Long> messageIds);

    /** Queued messages in flight since before {@code limit}: whether Meta took them is unknown. */
    List<Message> inFlightSince(Instant limit);
}
