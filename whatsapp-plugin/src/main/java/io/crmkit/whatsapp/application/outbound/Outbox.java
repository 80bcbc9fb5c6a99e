package io.crmkit.whatsapp.application.outbound;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a user sends: checked (level, channel, the 24-hour window, the text), stored QUEUED and committed;
 * the {@link Dispatcher} sends it afterwards. The user's message is never lost, even when Meta is down.
 */
@ApplicationScoped
public class Outbox {
    public static final int TEXT_MAX = 4096;

    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    Permissions permissions;
    @Inject
    Event<ConversationEvent> changes;
    @Inject
    Event<OutboxFilled> filled;

    private final Clock clock = Clock.systemUTC();

    /** A message was queued; the dispatcher may start now. */
    public record OutboxFilled() {
    }

    @Transactional
    public Message queueText(CurrentUser user, long conversationId, String text, Optional<String> quotedWamid) {
        permissions.requireReply(user);
        Conversation conversation = Optional.ofNullable(em.find(Conversation.class, conversationId))
                .filter(c -> c.organisationId() == user.organisationId())
                .orElseThrow(() -> Refusal.notFound("conversation " + conversationId));
        Channel channel = em.find(Channel.class, conversation.channelId());
        if (channel.status() == ChannelStatus.DISCONNECTED) {
            throw new Refusal(ProblemCode.CHANNEL_DISCONNECTED,
                    "this number is disconnected: connect it again in Settings > Channels > Messages");
        }
        if (channel.status() == ChannelStatus.NEEDS_REAUTH) {
            throw new Refusal(ProblemCode.CHANNEL_NEEDS_REAUTH,
                    "Meta refused this number's token: an administrator must re-authorise it first");
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw Refusal.invalid("text", "write a message first");
        }
        if (body.length() > TEXT_MAX) {
            throw Refusal.invalid("text", "WhatsApp messages have at most " + TEXT_MAX + " characters");
        }
        Instant now = clock.instant();
        if (!conversation.windowOpenAt(now)) {
            throw new Refusal(ProblemCode.WINDOW_CLOSED, "the customer last wrote more than 24 hours ago: "
                    + "WhatsApp allows only an approved template until they write again");
        }
        Message message = Message.queued(user.organisationId(), conversationId, body, quotedWamid, user.userId(), now);
        em.persist(message);
        em.flush();
        conversation.showLatest(now, body);
        changes.fire(ConversationEvent.message(user.organisationId(), conversationId, message.id(), true));
        filled.fire(new OutboxFilled());
        return message;
    }

    /** Sends a failed message again, under a new reference. */
    @Transactional
    public Message retry(CurrentUser user, long conversationId, long messageId) {
        permissions.requireReply(user);
        Message message = Optional.ofNullable(em.find(Message.class, messageId))
                .filter(m -> m.conversationId() == conversationId)
                .filter(m -> Optional.ofNullable(em.find(Conversation.class, conversationId))
                        .filter(c -> c.organisationId() == user.organisationId()).isPresent())
                .orElseThrow(() -> Refusal.notFound("message " + messageId));
        message.retry(clock.instant());
        changes.fire(ConversationEvent.status(user.organisationId(), conversationId, messageId));
        filled.fire(new OutboxFilled());
        return message;
    }
}
