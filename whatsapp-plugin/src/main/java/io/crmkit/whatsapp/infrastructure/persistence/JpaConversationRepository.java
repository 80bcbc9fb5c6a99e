package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaConversationRepository extends JpaRepository implements ConversationRepository {
    /** A search looks for its page among this many newest chats first, where a common word's matches are dense. */
    private static final int NEWEST = 500;
    /** When those hold fewer than a page, the chats the trigram indexes name are ordered, if they are at most this many. */
    private static final int FEW = 2_000;

    /** How a search's text is tested against each chat: its name, its number, or any of its messages. */
    private enum Matching { NONE, BY_CHAT, BY_IDS }

    /**
     * Newest first. A search is answered the cheapest way for its words: a common word from the newest chats (its
     * matches are dense there), a rare one from the chats the trigram indexes name, and only a word rare among the
     * newest chats yet matching very many older ones by reading them all.
     */
    @Override
    public List<Conversation> list(Filter filter, int limit) {
        if (filter.text().isEmpty()) {
            return select(filter, limit, Matching.NONE, List.of(), Optional.empty());
        }
        Optional<Instant> newest = newestChatsSince(filter.organisationId());
        if (newest.isPresent()) {
            List<Conversation> amongNewest = select(filter, limit, Matching.BY_CHAT, List.of(), newest);
            if (amongNewest.size() == limit) {
                return amongNewest;
            }
        }
        Optional<List<Long>> matches = fewMatches(filter);
        return matches.isPresent() ? select(filter, limit, Matching.BY_IDS, matches.get(), Optional.empty())
                : select(filter, limit, Matching.BY_CHAT, List.of(), Optional.empty());
    }

    /** When the organisation's {@link #NEWEST}th newest chat last had a message; empty when it has fewer chats. */
    private Optional<Instant> newestChatsSince(long organisationId) {
        return em.createQuery("select c.lastMessageAt from Conversation c where c.organisationId = :org"
                        + " order by c.lastMessageAt desc, c.id desc", Instant.class).setParameter("org", organisationId)
                .setFirstResult(NEWEST - 1).setMaxResults(1).getResultStream().findFirst();
    }

    private List<Conversation> select(Filter filter, int limit, Matching matching, List<Long> ids, Optional<Instant> since) {
        StringBuilder jpql = new StringBuilder("select c from Conversation c where c.organisationId = :org");
        if (matching == Matching.BY_IDS) {
            jpql.append(" and c.id in :matches");
        }
        since.ifPresent(at -> jpql.append(" and c.lastMessageAt >= :since"));
        filter.ownerId().ifPresent(o -> jpql.append(" and c.ownerId = :owner"));
        filter.channelId().ifPresent(ch -> jpql.append(" and c.channelId = :channel"));
        filter.contactId().ifPresent(contact -> jpql.append(filter.contactNumbers().isEmpty() ? " and c.contactId = :contact"
                : " and (c.contactId = :contact or c.customerKey in :numbers)"));
        if (filter.unreadOnly()) {
            jpql.append(" and c.unreadCount > 0");
        }
        if (matching == Matching.BY_CHAT) {
            jpql.append(" and (lower(c.customerName) like :text")
                    .append(filter.customerDigits().isPresent() ? " or c.customerKey like :digits" : "")
                    .append(" or exists (select m.id from Message m where m.conversationId = c.id and lower(m.text) like :text")
                    .append(filter.incomingOnly() ? " and m.direction = :in" : "").append("))");
        }
        if (filter.after().isPresent()) {
            jpql.append(" and (c.lastMessageAt < :at or (c.lastMessageAt = :at and c.id < :id))");
        }
        jpql.append(" order by c.lastMessageAt desc, c.id desc");
        TypedQuery<Conversation> select = em.createQuery(jpql.toString(), Conversation.class)
                .setParameter("org", filter.organisationId()).setMaxResults(limit);
        if (matching == Matching.BY_IDS) {
            select.setParameter("matches", ids.isEmpty() ? List.of(-1L) : ids);
        }
        since.ifPresent(at -> select.setParameter("since", at));
        filter.ownerId().ifPresent(o -> select.setParameter("owner", o));
        filter.channelId().ifPresent(ch -> select.setParameter("channel", ch));
        filter.contactId().ifPresent(contact -> select.setParameter("contact", contact));
        if (filter.contactId().isPresent() && !filter.contactNumbers().isEmpty()) {
            select.setParameter("numbers", filter.contactNumbers());
        }
        if (matching == Matching.BY_CHAT) {
            select.setParameter("text", pattern(filter.text().orElseThrow().toLowerCase()));
            if (filter.incomingOnly()) {
                select.setParameter("in", Message.Direction.IN);
            }
            filter.customerDigits().ifPresent(d -> select.setParameter("digits", pattern(d)));
        }
        filter.after().ifPresent(p -> select.setParameter("at", p.lastMessageAt()).setParameter("id", p.id()));
        return select.getResultList();
    }

    /**
     * The ids of the chats a search matches, when there are at most {@link #FEW}: each way of matching (name, number,
     * message) stops at one more than that, so that finding out that a word is common costs little.
     */
    @SuppressWarnings("unchecked")
    private Optional<List<Long>> fewMatches(Filter filter) {
        String text = pattern(filter.text().orElseThrow().toLowerCase());
        String cap = " limit " + (FEW + 1) + ")";
        String sql = "(select 'name', id from whatsapp.conversation where organisation_id = ?1 and lower(customer_name) like ?2"
                + cap + (filter.customerDigits().isPresent() ? " union all (select 'number', id from whatsapp.conversation"
                + " where organisation_id = ?1 and customer_key like ?3" + cap : "")
                + " union all (select 'message', conversation_id from whatsapp.message where organisation_id = ?1"
                + " and lower(text) like ?2" + (filter.incomingOnly() ? " and direction = 'IN'" : "") + cap;
        var query = em.createNativeQuery(sql).setParameter(1, filter.organisationId()).setParameter(2, text);
        filter.customerDigits().ifPresent(digits -> query.setParameter(3, pattern(digits)));
        List<Object[]> rows = query.getResultList();
        boolean many = rows.stream().collect(java.util.stream.Collectors.groupingBy(row -> row[0],
                java.util.stream.Collectors.counting())).values().stream().anyMatch(count -> count > FEW);
        return many ? Optional.empty()
                : Optional.of(rows.stream().map(row -> ((Number) row[1]).longValue()).distinct().toList());
    }

    private static String pattern(String text) {
        return "%" + likeEscaped(text) + "%";
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public Optional<Conversation> find(long organisationId, long conversationId) {
        return findInOrganisation(Conversation.class, conversationId, Conversation::organisationId, organisationId);
    }

    @Override
    public Map<Long, Conversation> findAll(Collection<Long> conversationIds) {
        return byId(Conversation.class, conversationIds, Conversation::id);
    }

    @Override
    public Optional<Conversation> findByCustomer(long channelId, String customerKey) {
        return em.createQuery("select c from Conversation c where c.channelId = :channel and c.customerKey = :key",
                        Conversation.class)
                .setParameter("channel", channelId).setParameter("key", customerKey).getResultStream().findFirst();
    }

    @Override
    public Conversation add(Conversation conversation) {
        return persistNow(conversation);
    }

    @Override
    public long unreadTotal(long organisationId) {
        Long count = em.createQuery("select coalesce(sum(c.unreadCount), 0) from Conversation c where c.organisationId = :org",
                Long.class).setParameter("org", organisationId).getSingleResult();
        return count == null ? 0 : count;
    }
}
