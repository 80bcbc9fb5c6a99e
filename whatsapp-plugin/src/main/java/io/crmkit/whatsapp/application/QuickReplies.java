package io.crmkit.whatsapp.application;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.domain.QuickReply;
import io.crmkit.whatsapp.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Quick replies of an organisation: agents who may reply read them; administrators manage them. */
@ApplicationScoped
public class QuickReplies {
    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    Permissions permissions;

    public List<QuickReply> list(CurrentUser user) {
        permissions.requireReply(user);
        return em.createQuery("select q from QuickReply q where q.organisationId = :org order by q.shortcut", QuickReply.class)
                .setParameter("org", user.organisationId()).getResultList();
    }

    @Transactional
    public QuickReply create(CurrentUser admin, String shortcut, String text) {
        QuickReply reply = new QuickReply(admin.organisationId(), shortcut, text);
        requireFree(admin.organisationId(), reply.shortcut(), Optional.empty());
        em.persist(reply);
        em.flush();
        return reply;
    }

    @Transactional
    public QuickReply update(CurrentUser admin, long id, String shortcut, String text) {
        QuickReply reply = find(admin, id);
        reply.rewrite(shortcut, text);
        requireFree(admin.organisationId(), reply.shortcut(), Optional.of(id));
        return reply;
    }

    @Transactional
    public void delete(CurrentUser admin, long id) {
        em.remove(find(admin, id));
    }

    private QuickReply find(CurrentUser admin, long id) {
        return Optional.ofNullable(em.find(QuickReply.class, id)).filter(q -> q.organisationId() == admin.organisationId())
                .orElseThrow(() -> Refusal.notFound("quick reply " + id));
    }

    private void requireFree(long organisationId, String shortcut, Optional<Long> except) {
        boolean taken = em.createQuery("select q.id from QuickReply q where q.organisationId = :org and q.shortcut = :s",
                        Long.class).setParameter("org", organisationId).setParameter("s", shortcut).getResultStream()
                .anyMatch(id -> except.map(e -> !e.equals(id)).orElse(true));
        if (taken) {
            throw Refusal.invalid("shortcut", shortcut + " is used by another quick reply: choose another shortcut");
        }
    }
}
