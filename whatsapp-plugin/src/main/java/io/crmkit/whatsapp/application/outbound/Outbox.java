package io.crmkit.whatsapp.application.outbound;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.credits.Billing;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.application.repository.MessageRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.application.templates.MarketingOptOuts;
import io.crmkit.whatsapp.application.templates.TemplateService;
import io.crmkit.whatsapp.domain.Attachment;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.MediaFile;
import io.crmkit.whatsapp.domain.MergeField;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateCategory;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a user sends: checked (level, channel, the 24-hour window, the text or file), stored QUEUED and committed;
 * the {@link Dispatcher} sends it afterwards. The user's message is never lost, even when Meta is down.
 */
@ApplicationScoped
public class Outbox {
    public static final int TEXT_MAX = 4096;
    public static final int CAPTION_MAX = 1024;

    @Inject
    ConversationRepository conversations;
    @Inject
    MessageRepository messages;
    @Inject
    ChannelRepository channels;
    @Inject
    MediaFileRepository mediaFiles;
    @Inject
    Permissions permissions;
    @Inject
    TemplateRepository templates;
    @Inject
    TemplateService templateService;
    @Inject
    MarketingOptOuts optOuts;
    @Inject
    Billing billing;
    @Inject
    Event<ConversationEvent> changes;
    @Inject
    Event<OutboxFilled> filled;

    private final Clock clock = Clock.systemUTC();

    /** A message was queued; the dispatcher may start now. */
    public record OutboxFilled() {
    }

    @Transactional
    public Message queueText(CurrentUser user, long conversationId, String text, Optional<String> quotedWamid) {
        Conversation conversation = answerable(user, conversationId);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw Refusal.invalid("text", RefusalText.WRITE_FIRST);
        }
        if (body.length() > TEXT_MAX) {
            throw Refusal.invalid("text", RefusalText.TEXT_TOO_LONG, TEXT_MAX);
        }
        return queue(user, conversation, Message.queued(user.organisationId(), conversationId, "text", Optional.of(body),
                details(quotedWamid, Optional.empty()), quotedWamid, user.userId(), clock.instant()), body, Optional.empty());
    }

    /**
     * Queues a file with an optional caption. Level, conversation and window are checked before the upload
     * is read; the upload is received into a temporary file only up to what its name's format may weigh, judged
     * by {@link Attachment#accept}, and streamed into the database with its message, so that it is uploaded to
     * Meta only when the dispatcher sends it. No file is ever held whole in memory here.
     */
    @Transactional
    public Message queueAttachment(CurrentUser user, long conversationId, String fileName, InputStream upload,
                                   Optional<String> caption, Optional<String> quotedWamid) {
        Conversation conversation = answerable(user, conversationId);
        Attachment.Claim claim = Attachment.claim(fileName);
        Optional<String> text = caption.map(String::strip).filter(c -> !c.isEmpty());
        if (text.isPresent() && !claim.format().kind().takesCaption()) {
            throw Refusal.invalid("caption", RefusalText.NO_CAPTION_WITH_AUDIO);
        }
        if (text.isPresent() && text.get().length() > CAPTION_MAX) {
            throw Refusal.invalid("caption", RefusalText.CAPTION_TOO_LONG, CAPTION_MAX);
        }
        try (SpooledUpload received = SpooledUpload.receive(upload, claim.maxBytes())) {
            Attachment attachment = Attachment.accept(claim, received);
            Message message = queue(user, conversation, Message.queued(user.organisationId(), conversationId,
                    attachment.format().kind().wireType(), text, details(quotedWamid, Optional.of(attachment.fileName())),
                    quotedWamid, user.userId(), clock.instant()), "📎 " + text.orElse(attachment.fileName()), Optional.empty());
            mediaFiles.add(MediaFile.attached(message.id(), user.organisationId(), conversation.channelId(), attachment,
                    clock.instant()), received.open());
            return message;
        }
    }

    /**
     * Queues an approved template, the only message WhatsApp allows once the 24-hour window has closed (and always
     * allowed). Its values come from the contact, its company and pipeline record, with those given by hand winning;
     * a template with a value missing is refused before anything is queued, never sent with a gap.
     *
     * @param given values typed by the agent, keyed by {@link io.crmkit.whatsapp.domain.TemplateParameter#key()}
     */
    @Transactional
    public Message queueTemplate(CurrentUser user, long conversationId, long templateId, Optional<Long> pipelineRecordId,
                                 Map<String, String> given) {
        permissions.requireReply(user);
        Conversation conversation = conversations.find(user.organisationId(), conversationId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, conversationId));
        Channel channel = connected(conversation);
        Template template = templates.find(user.organisationId(), templateId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_TEMPLATE, templateId));
        return queueTemplate(user, conversation, channel, template, pipelineRecordId, given);
    }

    /** Queues a template in a conversation the caller checked, for a new chat or an existing one. */
    Message queueTemplate(CurrentUser user, Conversation conversation, Channel channel, Template template,
                          Optional<Long> pipelineRecordId, Map<String, String> given) {
        template.requireSendable();
        if (!template.wabaId().equals(channel.wabaId())) {
            throw Refusal.invalid("templateId", RefusalText.TEMPLATE_OF_ANOTHER_ACCOUNT, template.name());
        }
        if (template.category() == TemplateCategory.MARKETING
                && optOuts.optedOut(user.organisationId(), conversation.contactId())) {
            throw Refusal.invalid("templateId", RefusalText.TEMPLATE_MARKETING_OPTED_OUT);
        }
        TemplateContent.Filled filled = templateService.fill(user, template, Optional.of(conversation.contactId()),
                pipelineRecordId, Optional.of(conversation), given);
        if (!filled.missing().isEmpty()) {
            // Named as the agent knows them: the merge field, or Meta's variable for a template imported from Meta.
            throw Refusal.invalid("params", RefusalText.TEMPLATE_VALUES_MISSING, filled.parameters().stream()
                    .filter(value -> value.value().isEmpty())
                    .map(value -> value.parameter().field().map(MergeField::token).orElse(value.parameter().key()))
                    .distinct().collect(Collectors.joining(", ")));
        }
        Optional<MessageDetails.HeaderFile> headerFile = template.content().header()
                .filter(header -> header.format() != TemplateHeader.Format.TEXT && header.sampleHandle().isPresent())
                .map(header -> new MessageDetails.HeaderFile(header.format(), header.sampleHandle().get(),
                        header.sampleName().orElse("file")));
        MessageDetails details = new MessageDetails(Optional.empty(), Optional.empty(), Optional.of(
                new MessageDetails.TemplateSend(template.id(), template.name(), template.language(),
                        template.category().name(), filled.parameters(), headerFile)));
        return queue(user, conversation, Message.queued(user.organisationId(), conversation.id(), "template",
                Optional.of(filled.text()), details, Optional.empty(), user.userId(), clock.instant()), filled.text(),
                Optional.of(template.category()));
    }

    /**
     * Refuses, as {@link #queueAttachment} would, a caller who may not answer in the conversation now; checked
     * before an upload's body is read.
     */
    @Transactional
    public void requireAnswerable(CurrentUser user, long conversationId) {
        answerable(user, conversationId);
    }

    /** The conversation, if the user may answer in it now: level, organisation, a connected number, an open window. */
    private Conversation answerable(CurrentUser user, long conversationId) {
        permissions.requireReply(user);
        Conversation conversation = conversations.find(user.organisationId(), conversationId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, conversationId));
        connected(conversation);
        if (!conversation.windowOpenAt(clock.instant())) {
            throw new Refusal(ProblemCode.WINDOW_CLOSED, RefusalText.WINDOW_CLOSED);
        }
        return conversation;
    }

    /** The conversation's number, if it can send now. */
    private Channel connected(Conversation conversation) {
        Channel channel = channels.find(conversation.channelId()).orElseThrow();
        channel.requireAbleToSend();
        return channel;
    }

    /** Stores the message, paid for (its credits reserved, or the send refused) in the same transaction. */
    private Message queue(CurrentUser user, Conversation conversation, Message message, String preview,
                          Optional<TemplateCategory> template) {
        messages.add(message);
        billing.payFor(conversation, message, template, message.sentAt());
        conversation.showLatest(message.sentAt(), preview);
        changes.fire(ConversationEvent.message(user.organisationId(), conversation.id(), message.id(), true));
        filled.fire(new OutboxFilled());
        return message;
    }

    private static MessageDetails details(Optional<String> quotedWamid, Optional<String> fileName) {
        return new MessageDetails(quotedWamid.map(wamid -> new MessageDetails.Quote(Optional.of(wamid), false)),
                Optional.empty(), fileName.map(MessageDetails.File::named));
    }

    /** Sends a failed message again, under a new reference. */
    @Transactional
    public Message retry(CurrentUser user, long conversationId, long messageId) {
        permissions.requireReply(user);
        Optional<Conversation> conversation = conversations.find(user.organisationId(), conversationId);
        Message message = messages.find(messageId)
                .filter(m -> m.conversationId() == conversationId && conversation.isPresent())
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_MESSAGE, messageId));
        message.retry(clock.instant());
        billing.payFor(conversation.get(), message,
                message.details().content().filter(MessageDetails.TemplateSend.class::isInstance)
                        .map(send -> TemplateCategory.valueOf(((MessageDetails.TemplateSend) send).category())), clock.instant());
        mediaFiles.find(messageId).ifPresent(MediaFile::forgetMetaCopy);
        changes.fire(ConversationEvent.status(user.organisationId(), conversationId, messageId));
        filled.fire(new OutboxFilled());
        return message;
    }
}
