package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.BillingWindowRepository;
import io.crmkit.whatsapp.domain.BillingWindow;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.MetaPricing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaBillingWindowRepository extends JpaRepository implements BillingWindowRepository {

    @Override
    public Optional<BillingWindow> coveringAt(long conversationId, Instant at) {
        return em.createQuery("select w from BillingWindow w where w.conversationId = :conversation and w.endsAt > :at"
                        + " and w.openedAt <= :at and w.state in :covering order by w.id desc", BillingWindow.class)
                .setParameter("conversation", conversationId).setParameter("at", at)
                .setParameter("covering", List.of(BillingWindow.State.RESERVED, BillingWindow.State.CHARGED,
                        BillingWindow.State.FREE))
                .setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public Optional<BillingWindow> find(long id) {
        return Optional.ofNullable(em.find(BillingWindow.class, id));
    }

    @Override
    public BillingWindow lock(BillingWindow window) {
        em.refresh(window, LockModeType.PESSIMISTIC_WRITE);
        return window;
    }

    @Override
    public BillingWindow add(BillingWindow window) {
        return persistNow(window);
    }

    @Override
    public long countedFreeBetween(long organisationId, Instant from, Instant to) {
        return em.createQuery("select count(w) from BillingWindow w where w.organisationId = :org"
                        + " and w.state = :free and w.category = io.crmkit.whatsapp.domain.ChargeCategory.SERVICE"
                        + " and w.openedAt >= :from and w.openedAt < :to", Long.class)
                .setParameter("org", organisationId).setParameter("free", BillingWindow.State.FREE)
                .setParameter("from", from).setParameter("to", to).getSingleResult();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Long, MetaPricing> metaPricingOf(Collection<Long> windowIds) {
        if (windowIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                        select distinct on (billing_window_id) billing_window_id, meta_pricing_category, meta_pricing_type,
                               meta_billable, meta_pricing_model
                          from whatsapp.message
                         where billing_window_id = any(cast(?1 as bigint[])) and meta_pricing_category is not null
                         order by billing_window_id, id""")
                .setParameter(1, PostgresArrays.ofIds(windowIds)).getResultList();
        Map<Long, MetaPricing> pricing = new HashMap<>();
        for (Object[] row : rows) {
            pricing.put(((Number) row[0]).longValue(), new MetaPricing(Optional.ofNullable((String) row[1]),
                    Optional.ofNullable((String) row[2]), Optional.ofNullable((Boolean) row[3]),
                    Optional.ofNullable((String) row[4])));
        }
        return pricing;
    }

    @Override
    public boolean everyOtherMessageFailed(long windowId, long messageId) {
        return em.createQuery("select count(m) from Message m where m.billingWindowId = :window and m.id <> :message"
                        + " and m.status <> :failed", Long.class).setParameter("window", windowId).setParameter("message", messageId)
                .setParameter("failed", DeliveryStatus.FAILED).getSingleResult() == 0;
    }
}
