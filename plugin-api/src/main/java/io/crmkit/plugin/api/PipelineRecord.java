package io.crmkit.plugin.api;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A deal moving through the stages of a pipeline.
 *
 * @param stage  one of {@link PipelineService#stages()}
 * @param amount the expected value in the organisation's currency, when known
 */
public record PipelineRecord(long id, String name, String stage, Optional<BigDecimal> amount,
                             Optional<Long> contactId, Optional<Long> companyId, Optional<Long> ownerId) {
    public PipelineRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
