package io.crmkit.whatsapp.application.outbound;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.TemplateCategory;
import jakarta.enterprise.context.ApplicationScoped;

/** Every template may be sent: the plugin keeps no credits yet. */
@ApplicationScoped
public class UnmeteredSends implements SendAllowance {
    @Override
    public void requireAllowed(CurrentUser sender, Conversation conversation, TemplateCategory category) {
        // No credits are kept, so nothing is reserved or refused.
    }
}
