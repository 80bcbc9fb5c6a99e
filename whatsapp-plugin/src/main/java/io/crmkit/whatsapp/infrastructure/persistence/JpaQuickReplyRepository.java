package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.QuickReplyRepository;
import io.crmkit.whatsapp.domain.QuickReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaQuickReplyRepository extends JpaRepository implements QuickReplyRepository {
    @Override
    public List<QuickReply> list(long organisationId) {
        return listOfOrganisation(QuickReply.class, organisationId, "shortcut");
    }

    @Override
    public Optional<QuickReply> find(long organisationId, long id) {
        return findInOrganisation(QuickReply.class, id, QuickReply::organisationId, organisationId);
    }

    @Override
    public boolean shortcutTaken(long organisationId, String shortcut, Optional<Long> exceptId) {
        return em.createQuery("select q.id from QuickReply q where q.organisationId = :org and q.shortcut = :s", Long.class)
                .setParameter("org", organisationId).setParameter("s", shortcut).getResultStream()
                .anyMatch(id -> exceptId.map(except -> !except.equals(id)).orElse(true));
    }

    @Override
    public QuickReply add(QuickReply reply) {
        return persistNow(reply);
    }

    @Override
    public void remove(QuickReply reply) {
        em.remove(reply);
    }
}
