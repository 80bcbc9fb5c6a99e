package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.application.credits.Billing;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.outbound.DispatchPolicy.Decision;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.EarlyStatusRepository;
import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.application.repository.MessageRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.application.templates.MarketingOptOuts;
import io.crmkit.whatsapp.domain.AttachmentFormat;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.MessageDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The dispatcher's transactions, each short and committed on its own, so that no transaction is open while
 * Meta is called: claiming due messages, reading what one send needs, and recording what Meta's answer
 * decided ({@link DispatchPolicy}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DispatchStore {
    private static final int BATCH = 50;
    /** 1 + 4 + 16 + 64 + 256 + 1024 units: about 23 minutes with Meta's second, then the message fails. */
    private static final int PAIR_LIMIT_HOLDS = 6;

    @Inject
    MessageRepository messages;
    @Inject
    ConversationRepository conversations;
    @Inject
    ChannelRepository channels;
    @Inject
    MediaFileRepository mediaFiles;
    @Inject
    EarlyStatusRepository earlyStatuses;
    @Inject
    AccessTokens tokens;
    @Inject
    Event<ConversationEvent> changes;
    @Inject
    MarketingOptOuts optOuts;
    @Inject
    Billing billing;
    @Inject
    TemplateRepository templates;
    @Inject
    @ConfigProperty(name = "whatsapp.outbox.pair-limit-unit-ms", defaultValue = "1000")
    long pairLimitUnitMs;

    /** How many messages one claim takes at most. */
    public int batchSize() {
        return BATCH;
    }

    /**
     * Claims the oldest queued message of each conversation that is due, for {@code lease}: long enough to send a
     * batch, after which the messages of a dispatcher that died before sending them go to another.
     */
    public List<Long> claim(Duration lease) {
        return messages.claimDue(BATCH, lease);
    }

    /** A file to send with a message: uploaded to Meta first, once (Meta's id is kept). */
    public record FileToSend(String mimeType, String fileName, Optional<String> metaMediaId) {
    }

    /** What one send needs. */
    public record Outgoing(long messageId, long channelId, String phoneNumberId, String accessToken, String to,
                           String type, Optional<String> text, Optional<FileToSend> file,
                           Optional<MessageDetails.TemplateSend> template, Optional<String> quotedWamid,
                           String referenceId, int attempts) {
        /** Names the message, never the token or the text. */
        @Override
        public String toString() {
            return "message " + messageId + " (" + type + ", attempt " + attempts + ")";
        }
    }

    /**
     * Marks claimed messages as being handed to Meta, from now on settled only by Meta's answer or statuses, and
     * reads what their sends need; leaves out those that are not this dispatcher's to send any more (settled, or
     * taken by another whose claim outlived this one's).
     */
    public List<Outgoing> handOver(List<Long> messageIds) {
        Map<Long, Channel> channelsById = new HashMap<>();
        Map<Long, String> tokensByChannel = new HashMap<>();
        List<Outgoing> handedOver = new ArrayList<>();
        List<Long> handedOverIds = messages.handOver(messageIds);
        Map<Long, Message> messagesById = messages.findAll(handedOverIds);
        Map<Long, Conversation> conversationsById = conversations.findAll(messagesById.values().stream()
                .map(Message::conversationId).collect(Collectors.toSet()));
        for (long messageId : handedOverIds) {
            Message message = messagesById.get(messageId);
            Conversation conversation = conversationsById.get(message.conversationId());
            Channel channel = channelsById.computeIfAbsent(conversation.channelId(),
                    id -> channels.find(id).orElseThrow());
            String token = tokensByChannel.computeIfAbsent(channel.id(), id -> tokens.of(channel));
            Optional<FileToSend> file = AttachmentFormat.Kind.carriesFile(message.type())
                    ? mediaFiles.find(messageId)
                            .map(f -> new FileToSend(f.mimeType(), f.fileName().orElse("file"), f.metaMediaId()))
                    : Optional.empty();
            handedOver.add(new Outgoing(messageId, channel.id(), channel.phoneNumberId(), token,
                    conversation.customer().recipient(), message.type(), message.text(), file,
                    message.details().content().filter(MessageDetails.TemplateSend.class::isInstance)
                            .map(MessageDetails.TemplateSend.class::cast), message.contextWamid(),
                    message.referenceId().orElseThrow(), message.sendAttempts()));
        }
        return handedOver;
    }

    public byte[] fileContent(long messageId) {
        return mediaFiles.content(messageId);
    }

    public void uploaded(long messageId, String metaMediaId) {
        mediaFiles.find(messageId).ifPresent(file -> file.uploadedToMetaAs(metaMediaId));
    }

    /** The number's pace is spent: the message waits its turn. */
    public void waitForPace(long messageId, Duration delay) {
        settle(messageId, message -> message.postponeUnsent(Instant.now().plus(delay)));
    }

    /** Records what the policy decided about a message Meta was asked to take. */
    public void record(long messageId, long channelId, Decision decision) {
        Instant now = Instant.now();
        if (decision instanceof Decision.MarkSent sent) {
            accepted(messageId, sent.wamid());
        } else if (decision instanceof Decision.Requeue requeue) {
            settle(messageId, message -> message.requeue(now.plus(requeue.delay())));
        } else if (decision instanceof Decision.Postpone postpone) {
            settle(messageId, message -> message.postponeUnsent(now.plus(postpone.delay())));
        } else if (decision instanceof Decision.HoldForPairLimit hold) {
            settle(messageId, message -> {
                if (!message.holdForPairLimit(now, Duration.ofMillis(pairLimitUnitMs), PAIR_LIMIT_HOLDS)) {
                    message.fail(Optional.of(DispatchPolicy.PAIR_LIMIT), hold.reason(), now);
                }
            });
        } else if (decision instanceof Decision.Fail fail) {
            settle(messageId, message -> {
                message.fail(fail.code(), fail.reason(), now);
                optOuts.messageFailed(message, fail.code());
            });
        } else if (decision instanceof Decision.FailAndReauthorise refused) {
            channels.find(channelId).ifPresent(Channel::requireReauthorisation);
            settle(messageId, message -> message.fail(Optional.of(refused.code()), refused.reason(), now));
        }
        // AwaitStatus: the message stays in flight until a status webhook or the unknown-outcome limit settles it.
    }

    private void settle(long messageId, Consumer<Message> change) {
        Message message = messages.find(messageId).orElseThrow();
        if (message.status() == DeliveryStatus.QUEUED) {
            change.accept(message);
            billing.follow(message, Optional.empty(), Instant.now());
            changes.fire(ConversationEvent.status(message.organisationIdForEvents(), message.conversationId(), messageId));
        }
    }

    /** Meta took the message: record its id, and the statuses that arrived before this answer did. */
    private void accepted(long messageId, String wamid) {
        Message message = messages.find(messageId).orElseThrow();
        if (message.wamid().isEmpty()) {
            message.acceptedAs(wamid, Instant.now());
        }
        message.wamid().ifPresent(known -> earlyStatuses.takeFor(known).forEach(early ->
                message.advanceTo(early.status(), early.at(), early.errorCode(), early.errorDetail())));
        billing.follow(message, Optional.empty(), Instant.now());
        changes.fire(ConversationEvent.status(message.organisationIdForEvents(), message.conversationId(), messageId));
    }

    /** The sample a template's media header shows; kept since the template was written. */
    @Transactional
    public TemplateRepository.Sample templateSample(String handle) {
        return templates.sample(handle).orElseThrow(() -> new IllegalStateException("the header sample " + handle
                + " of a queued template is not kept"));
    }

    /** Messages in flight longer than {@code limit} without any status: whether Meta took them cannot be known. */
    public void settleUnknownOutcomes(Duration limit) {
        for (Message message : messages.inFlightSince(Instant.now().minus(limit))) {
            message.giveUpAsOutcomeUnknown(Instant.now());
            changes.fire(ConversationEvent.status(message.organisationIdForEvents(), message.conversationId(), message.id()));
        }
    }
}
