package io.crmkit.whatsapp.application.meta;

import java.util.Objects;
import java.util.Optional;

/**
 * What Meta's template webhooks say about one template, known by Meta's id and by its name and language.
 */
public sealed interface TemplateUpdate {
    Optional<String> metaTemplateId();

    String name();

    String language();

    /**
     * {@code message_template_status_update}: the review's outcome.
     *
     * @param event          Meta's word: APPROVED, REJECTED, PAUSED, DISABLED, FLAGGED, REINSTATED, DELETED ...
     * @param reason         Meta's reason (a rejection's, or why it paused or disabled the template)
     * @param recommendation what Meta advises with a rejection
     */
    record StatusChanged(Optional<String> metaTemplateId, String name, String language, String event,
                         Optional<String> reason, Optional<String> recommendation) implements TemplateUpdate {
        public StatusChanged {
            Objects.requireNonNull(event, "event");
        }
    }

    /** {@code template_category_update}: Meta moved the template to another category (or will). */
    record CategoryChanged(Optional<String> metaTemplateId, String name, String language, String newCategory)
            implements TemplateUpdate {
    }

    /** {@code message_template_quality_update}: GREEN, YELLOW, RED or UNKNOWN. */
    record QualityChanged(Optional<String> metaTemplateId, String name, String language, String newScore)
            implements TemplateUpdate {
    }
}
