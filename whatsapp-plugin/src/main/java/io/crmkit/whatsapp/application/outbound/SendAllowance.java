package io.crmkit.whatsapp.application.outbound;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.TemplateCategory;

/**
 * The one check every business-initiated send (a template) passes before it is queued, whatever started it: a
 * conversation's composer, a new chat, a record's panel. Credits for paid conversations decide here.
 */
public interface SendAllowance {

    /**
     * @throws io.crmkit.whatsapp.domain.Refusal when the organisation may not send it now
     */
    void requireAllowed(CurrentUser sender, Conversation conversation, TemplateCategory category);
}
