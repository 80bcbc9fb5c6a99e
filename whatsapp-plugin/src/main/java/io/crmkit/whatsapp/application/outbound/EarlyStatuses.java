package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.Message;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/** Statuses Meta sent before the send call returned the message's id, applied once the id is known. */
public final class EarlyStatuses {
    private EarlyStatuses() {
    }

    @SuppressWarnings("unchecked")
    public static void apply(EntityManager em, Message message) {
        if (message.wamid().isEmpty()) {
            return;
        }
        List<Object[]> rows = em.createNativeQuery("delete from whatsapp.early_status where wamid = ?1"
                        + " returning status, occurred_at, error_code, error_detail")
                .setParameter(1, message.wamid().get()).getResultList();
        for (Object[] row : rows) {
            message.advanceTo(DeliveryStatus.valueOf((String) row[0]), ((java.sql.Timestamp) row[1]).toInstant(),
                    Optional.ofNullable((Number) row[2]).map(Number::intValue), Optional.ofNullable((String) row[3]));
        }
    }
}
