package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.CreditLedgerRepository;
import io.crmkit.whatsapp.domain.ChargeCategory;
import io.crmkit.whatsapp.domain.CreditAccount;
import io.crmkit.whatsapp.domain.LedgerEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaCreditLedgerRepository extends JpaRepository implements CreditLedgerRepository {

    @Override
    public CreditAccount lockAccount(long organisationId) {
        em.createNativeQuery("insert into whatsapp.credit_account (organisation_id) values (?1) on conflict do nothing")
                .setParameter(1, organisationId).executeUpdate();
        return em.find(CreditAccount.class, organisationId, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public Optional<CreditAccount> account(long organisationId) {
        return Optional.ofNullable(em.find(CreditAccount.class, organisationId));
    }

    @Override
    public BigDecimal balance(long organisationId) {
        return em.createQuery("select e.balanceAfter from LedgerEntry e where e.organisationId = :org order by e.id desc",
                        BigDecimal.class).setParameter("org", organisationId).setMaxResults(1).getResultStream()
                .findFirst().orElse(BigDecimal.ZERO);
    }

    @Override
    public boolean write(LedgerEntry entry) {
        boolean written = em.createQuery("select count(e) from LedgerEntry e where e.organisationId = :org"
                        + " and e.idempotencyKey = :key", Long.class).setParameter("org", entry.organisationId())
                .setParameter("key", entry.idempotencyKey()).getSingleResult() > 0;
        if (written) {
            return false;
        }
        persistNow(entry);
        return true;
    }

    @Override
    public List<LedgerEntry> page(long organisationId, Filter filter, int limit, Optional<Long> beforeId) {
        TypedQuery<LedgerEntry> query = em.createQuery("select e from LedgerEntry e where e.organisationId = :org"
                + " and e.id < :before and e.createdAt >= :from and e.createdAt < :to"
                + (filter.kind().isPresent() ? " and e.kind = :kind" : "") + " order by e.id desc", LedgerEntry.class)
                .setParameter("org", organisationId).setParameter("before", beforeId.orElse(Long.MAX_VALUE))
                .setParameter("from", filter.from().orElse(Instant.EPOCH))
                .setParameter("to", filter.to().orElse(Instant.parse("9999-01-01T00:00:00Z")));
        filter.kind().ifPresent(kind -> query.setParameter("kind", kind));
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Usage> usageSince(long organisationId, Instant from, String timeZone) {
        List<Object[]> rows = em.createNativeQuery("""
                        select to_char(created_at at time zone ?3, 'YYYY-MM'), category, sum(credits)
                          from whatsapp.credit_entry
                         where organisation_id = ?1 and kind = 'CHARGE' and created_at >= ?2
                         group by 1, 2 order by 1, 2""")
                .setParameter(1, organisationId).setParameter(2, java.sql.Timestamp.from(from)).setParameter(3, timeZone)
                .getResultList();
        return rows.stream().map(row -> new Usage((String) row[0], ChargeCategory.valueOf((String) row[1]),
                (BigDecimal) row[2])).toList();
    }
}
