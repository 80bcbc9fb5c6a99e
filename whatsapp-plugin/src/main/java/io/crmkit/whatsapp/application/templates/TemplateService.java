package io.crmkit.whatsapp.application.templates;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.application.conversations.MergeFields;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.outbound.SpooledUpload;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.domain.Attachment;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.MergeField;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateCategory;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import io.crmkit.whatsapp.domain.TemplateParameter;
import io.crmkit.whatsapp.domain.TemplateStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The template screens' work: writing templates within the plugin's limits and Meta's rules, submitting, editing
 * and deleting them at Meta, and filling one for a contact. Reading needs a WhatsApp level; changing needs an
 * administrator. A refused template is neither stored nor sent to Meta.
 */
@ApplicationScoped
public class TemplateService {
    @Inject
    TemplateRepository templates;
    @Inject
    ChannelRepository channels;
    @Inject
    ConversationRepository conversations;
    @Inject
    CloudApi meta;
    @Inject
    AccessTokens tokens;
    @Inject
    Permissions permissions;
    @Inject
    MergeFields mergeFields;
    @Inject
    CrmHost host;

    /** Marks a value given by its position among the template's parameters ({@code @1} is the first). */
    public static final String POSITION = "@";

    private final Clock clock = Clock.systemUTC();

    /**
     * Narrows a list of templates.
     *
     * @param words     part of the name
     * @param channelId only the templates of this number's account
     * @param sendable  only those Meta lets be sent now (approved or flagged)
     */
    public record Filter(Optional<TemplateStatus> status, Optional<String> language, Optional<String> words,
                         Optional<Long> channelId, boolean sendable) {
    }

    @Transactional
    public List<Template> list(CurrentUser user, Filter filter) {
        permissions.requireView(user);
        Optional<String> account = filter.channelId().map(id -> channels.find(user.organisationId(), id)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CHANNEL, id)).wabaId());
        return templates.list(user.organisationId(), filter.status(), filter.language(), filter.words()).stream()
                .filter(template -> account.map(template.wabaId()::equals).orElse(true))
                .filter(template -> !filter.sendable() || template.status().sendable()).toList();
    }

    @Transactional
    public Template get(CurrentUser user, long id) {
        permissions.requireView(user);
        return find(user, id);
    }

    /**
     * Checks the template, then submits it to Meta, then stores it PENDING with Meta's id.
     *
     * @throws Refusal {@code TEMPLATE_TOO_LONG}, {@code TOO_MANY_MERGE_FIELDS}, {@code INVALID_TEMPLATE},
     *                 {@code TEMPLATE_LIMIT_REACHED}, or what Meta answered
     */
    @Transactional
    public Template create(CurrentUser admin, TemplateDraft draft) {
        Channel channel = accountOf(admin, draft.channelId());
        TemplateContent content = TemplateContent.written(draft.body(), draft.header(), draft.footer(), draft.buttons());
        Template template = Template.written(admin.organisationId(), channel.wabaId(), draft.name(), draft.language(),
                category(draft.category()), content, admin.userId(), clock.instant());
        templates.lockAccount(channel.wabaId());
        long existing = templates.countOfAccount(channel.wabaId());
        if (existing >= Template.PER_ACCOUNT_MAX) {
            throw new Refusal(ProblemCode.TEMPLATE_LIMIT_REACHED, RefusalText.TEMPLATE_LIMIT_REACHED, existing);
        }
        if (templates.find(channel.wabaId(), template.name(), template.language()).isPresent()) {
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "name", RefusalText.TEMPLATE_NAME_TAKEN, template.name(),
                    template.language());
        }
        String metaId = MetaTemplateCalls.call(() -> meta.createTemplate(tokens.of(channel), channel.wabaId(),
                template.name(), template.language(), template.category().name(), template.content()));
        template.submittedAs(metaId, clock.instant());
        return templates.add(template);
    }

    /** New content for a template; Meta reviews it again, and it is PENDING meanwhile. */
    @Transactional
    public Template update(CurrentUser admin, long id, TemplateDraft draft) {
        Permissions.requireAdministrator(admin);
        Template template = find(admin, id);
        templates.lockAccount(template.wabaId());
        TemplateContent content = TemplateContent.written(draft.body(), draft.header(), draft.footer(), draft.buttons());
        TemplateCategory category = category(draft.category());
        Channel channel = channelOfAccount(admin, template.wabaId());
        MetaTemplateCalls.run(() -> meta.editTemplate(tokens.of(channel),
                template.metaTemplateId().orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_TEMPLATE, id)),
                category.name(), content));
        template.rewrite(content, category, clock.instant());
        return template;
    }

    /** Deletes the template here and at Meta. */
    @Transactional
    public void delete(CurrentUser admin, long id) {
        Permissions.requireAdministrator(admin);
        Template template = find(admin, id);
        templates.lockAccount(template.wabaId());
        Channel channel = channelOfAccount(admin, template.wabaId());
        MetaTemplateCalls.run(() -> meta.deleteTemplate(tokens.of(channel), template.wabaId(), template.name(),
                template.metaTemplateId()));
        templates.remove(template);
    }

    /** The largest header sample the plugin takes: Meta's limit for a video header (an image's is 5 MB). */
    public static final long SAMPLE_MAX_BYTES = 16L << 20;

    /** A header sample uploaded to Meta: what a template's header names. */
    public record HeaderSample(TemplateHeader.Format format, String handle, String fileName) {
    }

    /**
     * Uploads an image, video or document for a template's header: its content checked as any file sent to a
     * customer is, then given to Meta through the resumable upload, and kept to be sent as the header of each send.
     *
     * @throws Refusal {@code UNSUPPORTED_ATTACHMENT} for audio or a file that is not what its name says,
     *                 {@code ATTACHMENT_TOO_LARGE} over Meta's limits
     */
    @Transactional
    public HeaderSample headerSample(CurrentUser admin, Optional<Long> channelId, String fileName, InputStream upload) {
        Channel channel = accountOf(admin, channelId);
        Attachment.Claim claim = Attachment.claim(fileName);
        TemplateHeader.Format format = switch (claim.format().kind()) {
            case IMAGE -> TemplateHeader.Format.IMAGE;
            case VIDEO -> TemplateHeader.Format.VIDEO;
            case DOCUMENT -> TemplateHeader.Format.DOCUMENT;
            default -> throw Refusal.of(ProblemCode.UNSUPPORTED_ATTACHMENT, "file", RefusalText.TEMPLATE_SAMPLE_KIND);
        };
        try (SpooledUpload received = SpooledUpload.receive(upload, Math.min(claim.maxBytes(), SAMPLE_MAX_BYTES));
             InputStream content = received.open()) {
            Attachment attachment = Attachment.accept(claim, received);
            byte[] bytes = content.readAllBytes();
            String mimeType = attachment.format().mimeType();
            String handle = MetaTemplateCalls.call(() -> meta.uploadTemplateSample(tokens.of(channel), mimeType,
                    attachment.fileName(), bytes));
            templates.keepSample(admin.organisationId(), new TemplateRepository.Sample(handle, mimeType, attachment.fileName(),
                    bytes));
            return new HeaderSample(format, handle, attachment.fileName());
        } catch (IOException unreadable) {
            throw Refusal.invalid("file", RefusalText.UPLOAD_BROKE_OFF);
        }
    }

    /**
     * A template being written, checked as {@link #create} would check it and filled with the merge fields' examples,
     * as the customer's phone would show it; nothing is stored or sent to Meta. A name, language or category left
     * blank is not checked yet.
     */
    public TemplateContent.Filled draftPreview(CurrentUser admin, TemplateDraft draft) {
        Permissions.requireAdministrator(admin);
        TemplateContent content = TemplateContent.written(draft.body(), draft.header(), draft.footer(), draft.buttons());
        if (!draft.name().isBlank() || !draft.language().isBlank()) {
            Template.written(admin.organisationId(), "draft", draft.name().isBlank() ? "draft" : draft.name(),
                    draft.language().isBlank() ? "en" : draft.language(),
                    draft.category().isBlank() ? TemplateCategory.UTILITY : category(draft.category()), content,
                    admin.userId(), clock.instant());
        }
        return content.fill(parameter -> parameter.field().map(MergeField::example));
    }

    /**
     * The template filled for a contact (and a pipeline record, or the contact's latest), or for the contact of a
     * conversation: values given by hand win over the CRM's, keyed by {@link TemplateParameter#key()}.
     */
    @Transactional
    public TemplateContent.Filled preview(CurrentUser user, long id, Optional<Long> contactId, Optional<Long> pipelineRecordId,
                                          Optional<Long> conversationId, Map<String, String> given) {
        permissions.requireView(user);
        Template template = find(user, id);
        Optional<Conversation> conversation = conversationId.flatMap(c -> conversations.find(user.organisationId(), c));
        Optional<Long> contact = contactId.or(() -> conversation.map(Conversation::contactId))
                .or(() -> contactOfRecord(user, pipelineRecordId));
        return fill(user, template, contact, pipelineRecordId, conversation, given);
    }

    /** The template filled as {@link #preview} fills it, for a send. */
    public TemplateContent.Filled fill(CurrentUser user, Template template, Optional<Long> contactId,
                                       Optional<Long> pipelineRecordId, Optional<Conversation> conversation,
                                       Map<String, String> given) {
        List<TemplateParameter> order = template.content().parameters();
        Function<TemplateParameter, Optional<String>> typed = parameter -> Optional.ofNullable(given.get(parameter.key()))
                .or(() -> Optional.ofNullable(given.get(POSITION + (order.indexOf(parameter) + 1))))
                .filter(value -> !value.isBlank());
        if (contactId.isEmpty()) {
            return template.content().fill(parameter -> typed.apply(parameter)
                    .or(() -> parameter.field().map(MergeField::example)));
        }
        MergeFields.Values values = mergeFields.valuesFor(user, user.organisationId(), contactId, pipelineRecordId,
                conversation);
        return template.content().fill(parameter -> typed.apply(parameter).or(() -> parameter.field().flatMap(values::of)));
    }

    /** The contact a pipeline record is about, if it has one. */
    public Optional<Long> contactOfRecord(CurrentUser user, Optional<Long> pipelineRecordId) {
        return pipelineRecordId.flatMap(id -> host.organisation(user.organisationId()).pipelines().find(id))
                .flatMap(PipelineRecord::contactId);
    }

    private Template find(CurrentUser user, long id) {
        return templates.find(user.organisationId(), id).orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_TEMPLATE, id));
    }

    /** The connected number whose account gets a new template: the one chosen, or the organisation's only account. */
    private Channel accountOf(CurrentUser admin, Optional<Long> channelId) {
        Permissions.requireAdministrator(admin);
        if (channelId.isPresent()) {
            return channels.find(admin.organisationId(), channelId.get()).filter(c -> c.status() != ChannelStatus.DISCONNECTED)
                    .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CHANNEL, channelId.get()));
        }
        List<Channel> connected = channels.list(admin.organisationId()).stream()
                .filter(c -> c.status() != ChannelStatus.DISCONNECTED).toList();
        if (connected.stream().map(Channel::wabaId).distinct().count() != 1) {
            throw Refusal.invalid("channelId", connected.isEmpty() ? RefusalText.TEMPLATE_NEEDS_A_NUMBER
                    : RefusalText.TEMPLATE_CHOOSE_A_NUMBER);
        }
        return connected.get(0);
    }

    private Channel channelOfAccount(CurrentUser admin, String wabaId) {
        return channels.list(admin.organisationId()).stream()
                .filter(c -> c.wabaId().equals(wabaId) && c.status() != ChannelStatus.DISCONNECTED).findFirst()
                .orElseThrow(() -> new Refusal(ProblemCode.CHANNEL_DISCONNECTED, RefusalText.NUMBER_DISCONNECTED));
    }

    private static TemplateCategory category(String word) {
        try {
            TemplateCategory category = TemplateCategory.valueOf(word == null ? "" : word.strip().toUpperCase(Locale.ROOT));
            if (category.createdHere()) {
                return category;
            }
        } catch (IllegalArgumentException unknown) {
            // refused below
        }
        throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "category", RefusalText.TEMPLATE_CATEGORY);
    }
}
