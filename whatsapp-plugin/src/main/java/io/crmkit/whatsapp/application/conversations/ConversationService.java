package io.crmkit.whatsapp.application.conversations;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.infrastructure.TokenCipher;
import io.crmkit.whatsapp.infrastructure.persistence.PostgresArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Messages tab's reading side: lists of conversations newest first with keyset cursors, threads,
 * owners, read and unread. Every call checks the caller's WhatsApp level and organisation on the server.
 */
@ApplicationScoped
public class ConversationService {
    /** How many digits a search needs before it also looks for a customer's number. */
    private static final int PHONE_DIGITS_MIN = 4;
    private static final Logger LOG = Logger.getLogger(ConversationService.class.getName());

    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    Permissions permissions;
    @Inject
    CrmHost host;
    @Inject
    CloudApi meta;
    @Inject
    TokenCipher cipher;
    @Inject
    jakarta.enterprise.event.Event<io.crmkit.whatsapp.application.live.ConversationEvent> changes;

    private Conversation changed(Conversation conversation) {
        changes.fire(io.crmkit.whatsapp.application.live.ConversationEvent.conversation(conversation.organisationId(),
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
        StringBuilder jpql = new StringBuilder("select c from Conversation c where c.organisationId = :org");
        if (query.mine()) {
            jpql.append(" and c.ownerId = :me");
        }
        query.ownerId().ifPresent(o -> jpql.append(" and c.ownerId = :owner"));
        query.channelId().ifPresent(ch -> jpql.append(" and c.channelId = :channel"));
        query.contactId().ifPresent(contact -> jpql.append(" and c.contactId = :contact"));
        if (query.unreadOnly()) {
            jpql.append(" and c.unreadCount > 0");
        }
        Optional<String> digits = query.text().map(t -> t.replaceAll("[^0-9]", "")).filter(d -> d.length() >= PHONE_DIGITS_MIN);
        if (query.text().isPresent()) {
            // Users who may only view incoming messages find nothing by the words of the business's answers. A
            // number is found however it is written (+81 90-1234-5678, 819012345678), by the customer's digits.
            jpql.append(" and (lower(c.customerName) like :text")
                    .append(digits.isPresent() ? " or c.customerKey like :digits" : "")
                    .append(" or exists (select m.id from Message m where m.conversationId = c.id and lower(m.text) like :text")
                    .append(seesAnswers ? "" : " and m.direction = io.crmkit.whatsapp.domain.Message.Direction.IN").append("))");
        }
        Optional<Position> after = query.cursor().map(Position::decode);
        if (after.isPresent()) {
            jpql.append(" and (c.lastMessageAt < :at or (c.lastMessageAt = :at and c.id < :id))");
        }
        jpql.append(" order by c.lastMessageAt desc, c.id desc");
        TypedQuery<Conversation> select = em.createQuery(jpql.toString(), Conversation.class)
                .setParameter("org", user.organisationId()).setMaxResults(query.limit() + 1);
        if (query.mine()) {
            select.setParameter("me", user.userId());
        }
        query.ownerId().ifPresent(o -> select.setParameter("owner", o));
        query.channelId().ifPresent(ch -> select.setParameter("channel", ch));
        query.contactId().ifPresent(contact -> select.setParameter("contact", contact));
        query.text().ifPresent(t -> select.setParameter("text", "%" + t.toLowerCase().replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%"));
        digits.ifPresent(d -> select.setParameter("digits", "%" + d + "%"));
        after.ifPresent(p -> select.setParameter("at", p.at()).setParameter("id", p.id()));
        List<Conversation> rows = new ArrayList<>(select.getResultList());
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
                throw Refusal.invalid("cursor", "cursor is not one this server gave out: start again without it");
            }
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Conversation get(CurrentUser user, long conversationId) {
        requireView(user);
        return find(user, conversationId);
    }

    private Conversation find(CurrentUser user, long conversationId) {
        return Optional.ofNullable(em.find(Conversation.class, conversationId))
                .filter(c -> c.organisationId() == user.organisationId())
                .orElseThrow(() -> Refusal.notFound("conversation " + conversationId));
    }

    /** The thread, oldest first: the latest {@code limit} messages before {@code beforeId}. View-only users see incoming ones. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Message> messages(CurrentUser user, long conversationId, int limit, Optional<Long> beforeId) {
        AccessLevel level = requireView(user);
        find(user, conversationId);
        String incomingOnly = level.includes(AccessLevel.VIEW_AND_REPLY) ? "" : " and m.direction = :in";
        TypedQuery<Message> select = em.createQuery("select m from Message m where m.conversationId = :c and m.id < :before"
                        + incomingOnly + " order by m.sentAt desc, m.id desc", Message.class)
                .setParameter("c", conversationId).setParameter("before", beforeId.orElse(Long.MAX_VALUE)).setMaxResults(limit);
        if (!incomingOnly.isEmpty()) {
            select.setParameter("in", Message.Direction.IN);
        }
        List<Message> newestFirst = new ArrayList<>(select.getResultList());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Transactional
    public Conversation assign(CurrentUser user, long conversationId, long ownerId) {
        requireReply(user);
        Conversation conversation = find(user, conversationId);
        boolean active = host.organisation(user.organisationId()).users().find(ownerId).filter(User::active).isPresent();
        if (!active) {
            throw Refusal.invalid("ownerId", "user " + ownerId + " is not an active user of your organisation");
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
        Optional<String> latestInbound = em.createQuery("select m.wamid from Message m where m.conversationId = :c"
                        + " and m.direction = :in and m.wamid is not null order by m.sentAt desc, m.id desc", String.class)
                .setParameter("c", conversation.id()).setParameter("in", Message.Direction.IN).setMaxResults(1)
                .getResultStream().findFirst();
        Channel channel = em.find(Channel.class, conversation.channelId());
        if (latestInbound.isEmpty() || channel == null || channel.status() != io.crmkit.whatsapp.domain.ChannelStatus.CONNECTED) {
            return;
        }
        try {
            meta.markRead(cipher.accessTokenOf(channel), channel.phoneNumberId(), latestInbound.get());
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

    /** The state of an inbound message's media. */
    public record MediaState(String state, String mimeType, Optional<String> fileName, Optional<Long> size) {
    }

    /** The media states of messages, by message id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Map<Long, MediaState> mediaStates(List<Long> messageIds) {
        java.util.Map<Long, MediaState> states = new java.util.HashMap<>();
        if (messageIds.isEmpty()) {
            return states;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select message_id, state, mime_type, file_name, size from whatsapp.media_file"
                + " where message_id = any(cast(?1 as bigint[]))")
                .setParameter(1, PostgresArrays.ofIds(messageIds))
                .getResultList();
        for (Object[] row : rows) {
            states.put(((Number) row[0]).longValue(), new MediaState((String) row[1], (String) row[2],
                    Optional.ofNullable((String) row[3]), Optional.ofNullable((Number) row[4]).map(Number::longValue)));
        }
        return states;
    }

    /** A downloaded medium of a message the caller may see. */
    public record MediaContent(String mimeType, Optional<String> fileName, byte[] bytes) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MediaContent media(CurrentUser user, long conversationId, long messageId) {
        Message message = visibleMessage(user, conversationId, messageId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select mime_type, file_name, content, state from whatsapp.media_file"
                + " where message_id = ?1").setParameter(1, message.id()).getResultList();
        if (rows.isEmpty() || !"DOWNLOADED".equals(rows.get(0)[3])) {
            throw Refusal.notFound("the file of this message (it is not downloaded yet"
                    + (rows.isEmpty() ? "" : ", state " + rows.get(0)[3]) + ")");
        }
        return new MediaContent((String) rows.get(0)[0], Optional.ofNullable((String) rows.get(0)[1]), (byte[]) rows.get(0)[2]);
    }

    private Message visibleMessage(CurrentUser user, long conversationId, long messageId) {
        AccessLevel level = requireView(user);
        find(user, conversationId);
        return Optional.ofNullable(em.find(Message.class, messageId))
                .filter(m -> m.conversationId() == conversationId)
                .filter(m -> level.includes(AccessLevel.VIEW_AND_REPLY) || m.direction() == Message.Direction.IN)
                .orElseThrow(() -> Refusal.notFound("message " + messageId));
    }

    /** Tries a failed media download again; answers whether there was one to retry. */
    public boolean retryMedia(CurrentUser user, long conversationId, long messageId, io.crmkit.whatsapp.application.inbound.MediaDownloads downloads) {
        visibleMessage(user, conversationId, messageId);
        return downloads.retry(user.organisationId(), messageId);
    }

    /** New messages in all conversations the caller may see, for the tab's badge. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(CurrentUser user) {
        requireView(user);
        Long count = em.createQuery("select coalesce(sum(c.unreadCount), 0) from Conversation c where c.organisationId = :org",
                Long.class).setParameter("org", user.organisationId()).getSingleResult();
        return count == null ? 0 : count;
    }
}
