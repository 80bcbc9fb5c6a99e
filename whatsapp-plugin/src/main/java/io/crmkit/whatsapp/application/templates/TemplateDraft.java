package io.crmkit.whatsapp.application.templates;

import io.crmkit.whatsapp.domain.TemplateButton;
import io.crmkit.whatsapp.domain.TemplateHeader;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A template as an administrator writes it on the template screen.
 *
 * @param channelId the number whose WhatsApp Business Account gets the template; may be left out when the
 *                  organisation has one account
 * @param category  MARKETING or UTILITY
 */
public record TemplateDraft(Optional<Long> channelId, String name, String language, String category, String body,
                            Optional<TemplateHeader> header, Optional<String> footer, List<TemplateButton> buttons) {
    public TemplateDraft {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(footer, "footer");
        buttons = List.copyOf(buttons);
    }
}
