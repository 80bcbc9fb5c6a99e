package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.TopUpRepository;
import io.crmkit.whatsapp.domain.TopUp;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaTopUpRepository extends JpaRepository implements TopUpRepository {

    @Override
    public TopUp add(TopUp topUp) {
        return persistNow(topUp);
    }

    @Override
    public Optional<TopUp> find(long organisationId, long id) {
        return findInOrganisation(TopUp.class, id, TopUp::organisationId, organisationId);
    }

    @Override
    public Optional<TopUp> findById(long id) {
        return Optional.ofNullable(em.find(TopUp.class, id));
    }

    @Override
    public Optional<TopUp> findByKey(String idempotencyKey) {
        return em.createQuery("select t from TopUp t where t.idempotencyKey = :key", TopUp.class)
                .setParameter("key", idempotencyKey).getResultStream().findFirst();
    }

    @Override
    public boolean automaticPending(long organisationId) {
        return em.createQuery("select count(t) from TopUp t where t.organisationId = :org and t.trigger = :auto"
                        + " and t.state = :pending", Long.class).setParameter("org", organisationId)
                .setParameter("auto", TopUp.Trigger.AUTO).setParameter("pending", TopUp.State.PENDING).getSingleResult() > 0;
    }

    @Override
    public BigDecimal rechargedBetween(long organisationId, Instant from, Instant to) {
        BigDecimal sum = em.createQuery("select sum(t.credits) from TopUp t where t.organisationId = :org"
                        + " and t.trigger = :auto and t.state <> :declined and t.createdAt >= :from and t.createdAt < :to",
                        BigDecimal.class).setParameter("org", organisationId).setParameter("auto", TopUp.Trigger.AUTO)
                .setParameter("declined", TopUp.State.DECLINED).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    @Override
    public List<TopUp> latest(long organisationId, int limit) {
        return em.createQuery("select t from TopUp t where t.organisationId = :org order by t.id desc", TopUp.class)
                .setParameter("org", organisationId).setMaxResults(limit).getResultList();
    }

    @Override
    public List<Long> pendingSince(Instant before) {
        return em.createQuery("select t.id from TopUp t where t.state = :pending and t.createdAt < :before order by t.id",
                        Long.class).setParameter("pending", TopUp.State.PENDING).setParameter("before", before)
                .setMaxResults(100).getResultList();
    }
}
