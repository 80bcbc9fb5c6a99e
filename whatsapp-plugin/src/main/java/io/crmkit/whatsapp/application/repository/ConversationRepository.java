package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.Conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversations, one per customer and number. */
public interface ConversationRepository {

    /**
     * What the Messages tab's list filters by; every condition given narrows the list.
     *
     * @param ownerId        only those of this owner
     * @param text           in the customer's name or a message's text, case-insensitive
     * @param contactNumbers with {@code contactId}: also the chats with these customer keys (the contact's number in
     *                       its forms), which another contact of the same number may own
     * @param customerDigits in the customer's number
     * @param incomingOnly   {@code text} is looked for in the customer's messages only
     * @param after          only those after this position of the newest-first order
     */
    record Filter(long organisationId, Optional<Long> ownerId, Optional<Long> channelId, Optional<Long> contactId,
                  List<String> contactNumbers, boolean unreadOnly, Optional<String> text, Optional<String> customerDigits,
                  boolean incomingOnly, Optional<Position> after) {
        public Filter {
            contactNumbers = List.copyOf(contactNumbers);
        }
    }

    /** A place in the list, newest message first: the conversation's last message time, then its id. */
    record Position(Instant lastMessageAt, long id) {
    }

    /** Up to {@code limit} conversations, newest message first. */
    List<Conversation> list(Filter filter, int limit);

    /** The organisation's conversation, or empty for one of another organisation. */
    Optional<Conversation> find(long organisationId, long conversationId);

    /** The conversations with these ids, of any organisation, by id; for work of the system, never a user's. */
    Map<Long, Conversation> findAll(Collection<Long> conversationIds);

    /** The conversation with this customer on this number. */
    Optional<Conversation> findByCustomer(long channelId, String customerKey);

    /** Stores a new conversation; its id is known on return. */
    Conversation add(Conversation conversation);

    /** New messages in all the organisation's conversations. */
    long unreadTotal(long organisationId);
}
