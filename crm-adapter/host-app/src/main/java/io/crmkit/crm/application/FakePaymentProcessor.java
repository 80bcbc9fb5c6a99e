package io.crmkit.crm.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * The reference host's payment processor: a fake, for trying the product. It takes every payment (no money moves)
 * unless an administrator has set it to decline every payment. Like a real processor it is outside the caller's
 * transaction: a payment, once taken, stays taken whatever the caller then does, and one idempotency key is charged
 * once.
 */
@ApplicationScoped
public class FakePaymentProcessor {
    private static final String SELECT = "select id, idempotency_key, amount, currency, description, outcome, created_at"
            + " from crm.payment where organisation_id = ?1";

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    /** A payment as kept. */
    public record Payment(long id, String idempotencyKey, BigDecimal amount, Currency currency, String description,
                          boolean paid, Instant createdAt) {
    }

    /** Takes a payment, or answers the one already made with this key. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Payment charge(long organisationId, String idempotencyKey, BigDecimal amount, Currency currency,
                          String description) {
        boolean declines = declinesEveryPayment(organisationId);
        em.createNativeQuery("""
                        insert into crm.payment (organisation_id, idempotency_key, amount, currency, description, outcome,
                                                 created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, now())
                        on conflict (organisation_id, idempotency_key) do nothing""")
                .setParameter(1, organisationId).setParameter(2, idempotencyKey).setParameter(3, amount)
                .setParameter(4, currency.getCurrencyCode()).setParameter(5, description)
                .setParameter(6, declines ? "DECLINED" : "PAID").executeUpdate();
        return read(em.createNativeQuery(SELECT + " and idempotency_key = ?2").setParameter(1, organisationId)
                .setParameter(2, idempotencyKey)).get(0);
    }

    /** The organisation's latest payments, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Payment> payments(long organisationId) {
        return read(em.createNativeQuery(SELECT + " order by id desc limit 200").setParameter(1, organisationId));
    }

    @SuppressWarnings("unchecked")
    private static List<Payment> read(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Payment(((Number) row[0]).longValue(), (String) row[1], (BigDecimal) row[2],
                Currency.getInstance(((String) row[3]).strip()), (String) row[4], "PAID".equals(row[5]),
                toInstant(row[6]))).toList();
    }

    private static Instant toInstant(Object value) {
        return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : ((java.time.OffsetDateTime) value).toInstant();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean declinesEveryPayment(long organisationId) {
        return (Boolean) em.createNativeQuery("select fake_processor_declines from crm.organisation where id = ?1")
                .setParameter(1, organisationId).getSingleResult();
    }

    @Transactional
    public void declineEveryPayment(long organisationId, boolean declines) {
        em.createNativeQuery("update crm.organisation set fake_processor_declines = ?2 where id = ?1")
                .setParameter(1, organisationId).setParameter(2, declines).executeUpdate();
    }
}
