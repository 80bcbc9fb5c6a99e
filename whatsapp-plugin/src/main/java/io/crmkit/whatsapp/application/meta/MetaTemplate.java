package io.crmkit.whatsapp.application.meta;

import io.crmkit.whatsapp.domain.TemplateContent;

import java.util.Objects;
import java.util.Optional;

/**
 * A template as Meta lists it.
 *
 * @param category  Meta's word: MARKETING, UTILITY or AUTHENTICATION
 * @param status    Meta's word: APPROVED, PENDING, REJECTED, PAUSED ...
 * @param reason    why Meta rejected or paused it, when it says
 */
public record MetaTemplate(String id, String name, String language, String category, String status,
                           TemplateContent content, Optional<String> reason) {
    public MetaTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * One page of an account's templates.
     *
     * @param after the cursor of the next page, empty on the last
     */
    public record Page(java.util.List<MetaTemplate> templates, Optional<String> after) {
    }
}
