package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.QuickReplyRepository;
import io.crmkit.whatsapp.domain.QuickReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaQuickReplyRepository implements QuickReplyRepository {
    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;

    @Override
    public List<QuickReply> list(long organisationId) {
        return em.createQuery("select q from QuickReply q where q.organisationId = :org order by q.shortcut", QuickReply.class)
                .setParameter("org", organisationId).getResultList();
    }

    @Override
    public Optional<QuickReply> find(long organisationId, long id) {
        return Optional.ofNullable(em.find(QuickReply.class, id)).filter(q -> q.organisationId() == organisationId);
    }

    @Override
    public boolean shortcutTaken(long organisationId, String shortcut, Optional<Long> exceptId) {
        return em.createQuery("select q.id from QuickReply q where q.organisationId = :org and q.shortcut = :s", Long.class)
                .setParameter("org", organisationId).setParameter("s", shortcut).getResultStream()
                .anyMatch(id -> exceptId.map(except -> !except.equals(id)).orElse(true));
    }

    @Override
    public QuickReply add(QuickReply reply) {
        em.persist(reply);
        em.flush();
        return reply;
    }

    @Override
    public void remove(QuickReply reply) {
        em.remove(reply);
    }
}
