package io.crmkit.plugin.api;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a pipeline record: what is present is set, what is empty stays as it is.
 *
 * @param stage one of {@link PipelineService#stages()}
 */
public record PipelineRecordChanges(Optional<String> stage, Optional<BigDecimal> amount, Optional<Long> ownerId) {
    public PipelineRecordChanges {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
