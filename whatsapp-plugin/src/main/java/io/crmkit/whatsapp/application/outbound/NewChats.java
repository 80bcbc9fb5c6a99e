package io.crmkit.whatsapp.application.outbound;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.inbound.CustomerNumbers;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.application.templates.TemplateService;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * "New WhatsApp chat": the business writes first, to a contact of the CRM, with an approved template. The chat is
 * the contact's existing conversation on that number, or a new one owned by the agent; it opens for free text when
 * the customer answers.
 */
@ApplicationScoped
public class NewChats {
    @Inject
    Permissions permissions;
    @Inject
    ChannelRepository channels;
    @Inject
    ConversationRepository conversations;
    @Inject
    TemplateRepository templates;
    @Inject
    Outbox outbox;
    @Inject
    CrmHost host;
    @Inject
    TemplateService templateService;

    private final Clock clock = Clock.systemUTC();

    public record Started(Conversation conversation, Message message) {
    }

    /**
     * Starts (or continues) the contact's chat on the number with the template; refused as a whole, with nothing
     * stored, when the number, the contact, the template or a value is not right. Without a contact, the pipeline
     * record's contact is written to.
     */
    @Transactional
    public Started start(CurrentUser user, Optional<Long> contactOrNone, long channelId, long templateId,
                         Optional<Long> pipelineRecordId, Map<String, String> given) {
        permissions.requireReply(user);
        long contactId = contactOrNone.or(() -> templateService.contactOfRecord(user, pipelineRecordId))
                .orElseThrow(() -> Refusal.invalid("contactId", RefusalText.REQUIRED, "contactId"));
        Channel channel = channels.find(user.organisationId(), channelId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CHANNEL, channelId));
        channel.requireAbleToSend();
        Contact contact = host.organisation(user.organisationId()).contacts().find(contactId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONTACT, contactId));
        String phone = contact.phone().orElseThrow(() -> Refusal.invalid("contactId", RefusalText.NO_CONTACT_PHONE, contactId));
        Template template = templates.find(user.organisationId(), templateId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_TEMPLATE, templateId));
        Conversation conversation = existing(channel, phone).orElseGet(() -> conversations.add(new Conversation(
                user.organisationId(), channel.id(), contact.id(), phone.substring(1), displayName(contact, phone),
                Optional.of(user.userId()), clock.instant())));
        Message message = outbox.queueTemplate(user, conversation, channel, template, pipelineRecordId, given);
        return new Started(conversation, message);
    }

    /** The chat with this number in any of its forms (Brazil's ninth digit, Mexico's 1). */
    private Optional<Conversation> existing(Channel channel, String phone) {
        return CustomerNumbers.candidates(phone).stream()
                .map(form -> conversations.findByCustomer(channel.id(), form.substring(1)))
                .flatMap(Optional::stream).findFirst();
    }

    private static String displayName(Contact contact, String phone) {
        String name = contact.displayName();
        return name.isBlank() ? phone : name;
    }
}
