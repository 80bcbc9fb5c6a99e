package io.crmkit.whatsapp.application.outbound;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.conversations.MergeFields;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.QuickReplyRepository;
import io.crmkit.whatsapp.domain.AttachmentFormat;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a user may send in a conversation now, as the {@link Outbox} will judge it: whether the 24-hour window is
 * open, the lengths and file formats accepted, and the quick replies with their merge fields filled for this
 * customer. Screens show these rather than repeat the rules.
 */
@ApplicationScoped
public class ReplyOptions {
    @Inject
    Permissions permissions;
    @Inject
    ConversationRepository conversations;
    @Inject
    ChannelRepository channels;
    @Inject
    QuickReplyRepository quickReplies;
    @Inject
    MergeFields mergeFields;

    private final Clock clock = Clock.systemUTC();

    /** Files of one WhatsApp kind: the names they may have, Meta's size limit, and whether a caption goes along. */
    public record FileRule(String kind, List<String> extensions, long maxBytes, boolean takesCaption) {
    }

    /** A quick reply as it would be sent to this customer; {@code missing} names fields the CRM had no value for. */
    public record FilledQuickReply(long id, String shortcut, String text, List<String> missing) {
    }

    /**
     * What may be sent now.
     *
     * @param channelStatus only a {@code CONNECTED} number sends; {@code DISCONNECTED} and {@code NEEDS_REAUTH} wait
     *                      for an administrator
     */
    public record Options(ChannelStatus channelStatus, boolean windowOpen, Optional<Instant> windowExpiresAt, int textMax,
                          int captionMax, List<FileRule> files, List<FilledQuickReply> quickReplies) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Options inConversation(CurrentUser user, long conversationId) {
        permissions.requireReply(user);
        Conversation conversation = conversations.find(user.organisationId(), conversationId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, conversationId));
        MergeFields.Values values = mergeFields.valuesFor(user, conversation);
        List<FilledQuickReply> replies = quickReplies.list(user.organisationId()).stream().map(reply -> {
            MergeFields.Filled filled = values.fill(reply.text());
            return new FilledQuickReply(reply.id(), reply.shortcut(), filled.text(), filled.missing());
        }).toList();
        ChannelStatus channel = channels.find(conversation.channelId()).map(Channel::status).orElse(ChannelStatus.DISCONNECTED);
        return new Options(channel, conversation.windowOpenAt(clock.instant()), conversation.windowExpiresAt(), Outbox.TEXT_MAX,
                Outbox.CAPTION_MAX, fileRules(), replies);
    }

    private static List<FileRule> fileRules() {
        return Arrays.stream(AttachmentFormat.Kind.values()).map(kind -> new FileRule(kind.wireType(),
                Arrays.stream(AttachmentFormat.values()).filter(format -> format.kind() == kind)
                        .flatMap(format -> format.extensions().stream()).toList(),
                kind.maxBytes(), kind.takesCaption())).toList();
    }
}
