package io.crmkit.whatsapp.application.templates;

import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.domain.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Customers who stopped marketing messages: Meta fails a marketing template to them with 131050, whether the send
 * call answers it or a status webhook does later. The contact is marked, and no marketing template is queued for
 * them again; utility templates and answers in an open window still are.
 */
@ApplicationScoped
public class MarketingOptOuts {
    /** Meta's error: the user stopped marketing messages from this business. */
    public static final int USER_STOPPED_MARKETING = 131050;

    @Inject
    TemplateRepository templates;
    @Inject
    ConversationRepository conversations;

    /** Runs in the caller's transaction, where the message failed. */
    public void messageFailed(Message message, Optional<Integer> metaCode) {
        if (metaCode.filter(code -> code == USER_STOPPED_MARKETING).isPresent()) {
            long organisationId = message.organisationIdForEvents();
            conversations.find(organisationId, message.conversationId())
                    .ifPresent(conversation -> templates.optOutOfMarketing(organisationId, conversation.contactId()));
        }
    }

    public boolean optedOut(long organisationId, long contactId) {
        return templates.optedOutOfMarketing(organisationId, contactId);
    }
}
