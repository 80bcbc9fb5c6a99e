package io.crmkit.whatsapp.application.conversations;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.application.inbound.CustomerNumbers;
import io.crmkit.whatsapp.application.inbound.MediaDownloads;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.application.repository.MessageRepository;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.MediaFile;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The Messages tab's reading side: lists of conversations newest first with keyset cursors, threads,
 * owners, read and unread. Every call checks the caller's WhatsApp level and organisation on the server.
 */
@ApplicationScoped
public class ConversationService {
    /** How many digits a search needs before it also looks for a customer's number. */
    private static final int PHONE_DIGITS_MIN = 4;
    private static final Logger LOG = Logger.getLogger(ConversationService.class.getName());

    @Inject
    Permissions permissions;
    @Inject
    CrmHost host;
    @Inject
    ConversationRepository conversations;
    @Inject
    MessageRepository messages;
    @Inject
    MediaFileRepository mediaFiles;
    @Inject
    ChannelRepository channels;
    @Inject
    CloudApi meta;
    @Inject
    AccessTokens tokens;
    @Inject
    Event<ConversationEvent> changes;

    private Conversation changed(Conversation conversation) {
        changes.fire(ConversationEvent.conversation(conversation.organisationId(),
                conversation.id()));
        return conversation;
    }

    /** A page of conversations and the cursor of the next one. */
    public record ConversationPage(List<Conversation> items, Optional<String> nextCursor) {
    }

    /** Refuses callers without any WhatsApp level; answers the caller's level. */
    public AccessLevel requireView(CurrentUser user) {
        return permissions.requireView(user);
    }

    private void requireReply(CurrentUser user) {
        permissions.requireReply(user);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationPage list(CurrentUser user, ConversationQuery query) {
        boolean seesAnswers = requireView(user).includes(AccessLevel.VIEW_AND_REPLY);
        // Users who may only view incoming messages find nothing by the words of the business's answers. A
        // number is found however it is written (+81 90-1234-5678, 819012345678), by the customer's digits.
        Optional<String> digits = query.text().map(t -> t.replaceAll("[^0-9]", "")).filter(d -> d.length() >= PHONE_DIGITS_MIN);
        // On a contact's page, the chats with the contact's number show too: several contacts may share a number.
        List<String> contactNumbers = query.contactId().flatMap(id -> host.organisation(user.organisationId()).contacts().find(id))
                .flatMap(Contact::phone).map(phone -> CustomerNumbers.candidates(phone).stream().map(form -> form.substring(1))
                        .toList()).orElse(List.of());
        ConversationRepository.Filter filter = new ConversationRepository.Filter(user.organisationId(),
                query.mine() ? Optional.of(user.userId()) : query.ownerId(), query.channelId(), query.contactId(),
                contactNumbers, query.unreadOnly(), query.text(), digits, !seesAnswers,
                query.cursor().map(Position::decode).map(p -> new ConversationRepository.Position(p.at(), p.id())));
        List<Conversation> rows = new ArrayList<>(conversations.list(filter, query.limit() + 1));
        Optional<String> next = Optional.empty();
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            Conversation last = rows.get(rows.size() - 1);
            next = Optional.of(new Position(last.lastMessageAt(), last.id()).encode());
        }
        return new ConversationPage(rows, next);
    }

    /** Where a page ends: the last conversation's time and id. */
    record Position(Instant at, long id) {
        String encode() {
            String text = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
                return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        Long.parseLong(parts[2]));
            } catch (RuntimeException forged) {
                throw Refusal.invalid("cursor", RefusalText.UNKNOWN_CURSOR);
            }
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Conversation get(CurrentUser user, long conversationId) {
        requireView(user);
        return find(user, conversationId);
    }

    private Conversation find(CurrentUser user, long conversationId) {
        return conversations.find(user.organisationId(), conversationId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, conversationId));
    }

    /** The thread, oldest first: the latest {@code limit} messages before {@code beforeId}. View-only users see incoming ones. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Message> messages(CurrentUser user, long conversationId, int limit, Optional<Long> beforeId) {
        AccessLevel level = requireView(user);
        find(user, conversationId);
        List<Message> newestFirst = new ArrayList<>(messages.latest(conversationId, limit, beforeId,
                !level.includes(AccessLevel.VIEW_AND_REPLY)));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Transactional
    public Conversation assign(CurrentUser user, long conversationId, long ownerId) {
        requireReply(user);
        Conversation conversation = find(user, conversationId);
        boolean active = host.organisation(user.organisationId()).users().find(ownerId).filter(User::active).isPresent();
        if (!active) {
            throw Refusal.invalid("ownerId", RefusalText.NOT_AN_ACTIVE_USER, ownerId);
        }
        conversation.assignTo(ownerId);
        return changed(conversation);
    }

    /**
     * Marks the chat read here and, when the caller may answer, best effort at WhatsApp too (the customer sees
     * blue ticks).
     */
    @Transactional
    public Conversation markRead(CurrentUser user, long conversationId) {
        boolean mayAnswer = requireView(user).includes(AccessLevel.VIEW_AND_REPLY);
        Conversation conversation = find(user, conversationId);
        boolean hadUnread = conversation.unreadCount() > 0;
        conversation.markRead();
        // Blue ticks tell the customer someone will answer: only those who may answer send them.
        if (hadUnread && mayAnswer) {
            sendReadReceipt(conversation);
        }
        return changed(conversation);
    }

    private void sendReadReceipt(Conversation conversation) {
        Optional<String> latestInbound = messages.latestInboundWamid(conversation.id());
        Optional<Channel> connected = channels.find(conversation.channelId())
                .filter(channel -> channel.status() == ChannelStatus.CONNECTED);
        if (latestInbound.isEmpty() || connected.isEmpty()) {
            return;
        }
        Channel channel = connected.get();
        try {
            meta.markRead(tokens.of(channel), channel.phoneNumberId(), latestInbound.get());
        } catch (RuntimeException notDelivered) {
            // The chat is read here either way; the customer merely misses the blue ticks.
            LOG.log(Level.INFO, "Read receipt for conversation {0} not delivered: {1}",
                    new Object[]{conversation.id(), notDelivered.getMessage()});
        }
    }

    @Transactional
    public Conversation markUnread(CurrentUser user, long conversationId) {
        requireView(user);
        Conversation conversation = find(user, conversationId);
        conversation.markUnread();
        return changed(conversation);
    }

    /** The organisation's numbers, by id, for showing which number each conversation is on. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Channel> channelsOf(CurrentUser user) {
        return channels.list(user.organisationId()).stream().collect(Collectors.toMap(Channel::id, channel -> channel));
    }

    /** The files of messages, by message id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, MediaFile> mediaFiles(List<Long> messageIds) {
        return mediaFiles.findAll(messageIds).stream().collect(Collectors.toMap(MediaFile::messageId, file -> file));
    }

    /** The file of a message the caller may see, once it is here. */
    public record MediaContent(String mimeType, Optional<String> fileName, byte[] bytes) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MediaContent media(CurrentUser user, long conversationId, long messageId) {
        Message message = visibleMessage(user, conversationId, messageId);
        Optional<MediaFile> file = mediaFiles.find(message.id());
        if (file.isEmpty() || !file.get().isHere()) {
            throw Refusal.notFound(RefusalText.FILE_NOT_DOWNLOADED);
        }
        return new MediaContent(file.get().mimeType(), file.get().fileName(), mediaFiles.content(message.id()));
    }

    private Message visibleMessage(CurrentUser user, long conversationId, long messageId) {
        AccessLevel level = requireView(user);
        find(user, conversationId);
        return messages.find(messageId)
                .filter(m -> m.conversationId() == conversationId)
                .filter(m -> level.includes(AccessLevel.VIEW_AND_REPLY) || m.direction() == Message.Direction.IN)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_MESSAGE, messageId));
    }

    /** Tries a failed media download again; answers whether there was one to retry. */
    public boolean retryMedia(CurrentUser user, long conversationId, long messageId, MediaDownloads downloads) {
        visibleMessage(user, conversationId, messageId);
        return downloads.retry(user.organisationId(), messageId);
    }

    /** New messages in all conversations the caller may see, for the tab's badge. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(CurrentUser user) {
        requireView(user);
        return conversations.unreadTotal(user.organisationId());
    }
}
