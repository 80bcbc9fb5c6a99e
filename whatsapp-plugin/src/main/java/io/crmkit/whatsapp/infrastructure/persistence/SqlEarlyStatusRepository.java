package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.EarlyStatusRepository;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Early statuses in SQL: kept with {@code on conflict do nothing}, taken with {@code delete ... returning}. */
@ApplicationScoped
public class SqlEarlyStatusRepository extends JpaRepository implements EarlyStatusRepository {
    @Override
    public void keep(EarlyStatus status) {
        em.createNativeQuery("insert into whatsapp.early_status (wamid, status, occurred_at, error_code, error_detail)"
                        + " values (?1, ?2, ?3, cast(?4 as integer), ?5) on conflict do nothing")
                .setParameter(1, status.wamid()).setParameter(2, status.status().name())
                .setParameter(3, Timestamp.from(status.at()))
                .setParameter(4, status.errorCode().orElse(null)).setParameter(5, status.errorDetail().orElse(null))
                .executeUpdate();
    }

    @Override
    public List<EarlyStatus> takeFor(String wamid) {
        List<?> rows = em.createNativeQuery("delete from whatsapp.early_status where wamid = ?1"
                + " returning status, occurred_at, error_code, error_detail").setParameter(1, wamid).getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new EarlyStatus(wamid,
                DeliveryStatus.valueOf((String) row[0]), ((Timestamp) row[1]).toInstant(),
                Optional.ofNullable((Number) row[2]).map(Number::intValue), Optional.ofNullable((String) row[3]))).toList();
    }
}
