package io.crmkit.plugin.api;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** What a plugin supplies to open a deal, for example from a chat. */
public record NewPipelineRecord(String name, String stage, Optional<BigDecimal> amount, Optional<Long> contactId,
                                Optional<Long> companyId, Optional<Long> ownerId) {
    public NewPipelineRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
