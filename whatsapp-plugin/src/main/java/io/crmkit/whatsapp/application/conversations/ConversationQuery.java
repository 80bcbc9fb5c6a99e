package io.crmkit.whatsapp.application.conversations;

import java.util.Optional;

/**
 * Which conversations a list shows.
 *
 * @param mine       only those the caller owns ("My conversations")
 * @param contactId  only those with one contact, for the panel on the contact's record
 * @param unreadOnly only those with new messages
 * @param text       words found in a message or the customer's name
 * @param limit      1 to 200
 * @param cursor     the previous page's {@code nextCursor}
 */
public record ConversationQuery(boolean mine, boolean unreadOnly, Optional<Long> ownerId, Optional<Long> channelId,
                                Optional<Long> contactId, Optional<String> text, int limit, Optional<String> cursor) {
}
