package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaConversationRepository extends JpaRepository implements ConversationRepository {
    @Override
    public List<Conversation> list(Filter filter, int limit) {
        StringBuilder jpql = new StringBuilder("select c from Conversation c where c.organisationId = :org");
        filter.ownerId().ifPresent(o -> jpql.append(" and c.ownerId = :owner"));
        filter.channelId().ifPresent(ch -> jpql.append(" and c.channelId = :channel"));
        filter.contactId().ifPresent(contact -> jpql.append(filter.contactNumbers().isEmpty() ? " and c.contactId = :contact"
                : " and (c.contactId = :contact or c.customerKey in :numbers)"));
        if (filter.unreadOnly()) {
            jpql.append(" and c.unreadCount > 0");
        }
        if (filter.text().isPresent()) {
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
        filter.ownerId().ifPresent(o -> select.setParameter("owner", o));
        filter.channelId().ifPresent(ch -> select.setParameter("channel", ch));
        filter.contactId().ifPresent(contact -> select.setParameter("contact", contact));
        if (filter.contactId().isPresent() && !filter.contactNumbers().isEmpty()) {
            select.setParameter("numbers", filter.contactNumbers());
        }
        filter.text().ifPresent(t -> {
            select.setParameter("text", "%" + likeEscaped(t.toLowerCase()) + "%");
            if (filter.incomingOnly()) {
                select.setParameter("in", Message.Direction.IN);
            }
        });
        filter.customerDigits().filter(d -> filter.text().isPresent())
                .ifPresent(d -> select.setParameter("digits", "%" + likeEscaped(d) + "%"));
        filter.after().ifPresent(p -> select.setParameter("at", p.lastMessageAt()).setParameter("id", p.id()));
        return select.getResultList();
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public Optional<Conversation> find(long organisationId, long conversationId) {
        return findInOrganisation(Conversation.class, conversationId, Conversation::organisationId, organisationId);
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
