package io.crmkit.whatsapp.application.live;

import java.util.Optional;

/**
 * Something in a conversation changed and browsers showing it should refresh. Fired inside the changing
 * transaction; delivered to browsers only after it commits.
 *
 * @param kind     {@code message}, {@code status}, {@code conversation} (owner, read state) or {@code records} (the
 *                 customer's CRM records, changed from the chat)
 * @param outbound whether it concerns a message the business sent (view-only users do not see those)
 */
public record ConversationEvent(long organisationId, long conversationId, String kind, Optional<Long> messageId,
                                boolean outbound) {

    public static ConversationEvent message(long organisationId, long conversationId, long messageId, boolean outbound) {
        return new ConversationEvent(organisationId, conversationId, "message", Optional.of(messageId), outbound);
    }

    public static ConversationEvent status(long organisationId, long conversationId, long messageId) {
        return new ConversationEvent(organisationId, conversationId, "status", Optional.of(messageId), true);
    }

    public static ConversationEvent records(long organisationId, long conversationId) {
        return new ConversationEvent(organisationId, conversationId, "records", Optional.empty(), false);
    }

    public static ConversationEvent conversation(long organisationId, long conversationId) {
        return new ConversationEvent(organisationId, conversationId, "conversation", Optional.empty(), false);
    }
}
