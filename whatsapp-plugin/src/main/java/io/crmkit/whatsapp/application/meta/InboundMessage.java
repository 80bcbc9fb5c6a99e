package io.crmkit.whatsapp.application.meta;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message a customer sent, one record per kind Meta delivers. Every kind carries the same
 * {@link Envelope}; kinds Meta adds later arrive as {@link Unsupported} rather than failing a batch.
 */
public sealed interface InboundMessage {

    Envelope envelope();

    /**
     * What every inbound message has.
     *
     * @param from      the sender's WhatsApp id (phone digits); empty for users known only by username
     * @param userId    the sender's username-based id, when Meta sends one
     * @param timestamp when the customer sent it (Meta's time, not ours)
     * @param context   the message it quotes or answers, if any
     */
    record Envelope(String wamid, Optional<String> from, Optional<String> userId, Instant timestamp,
                    Optional<Context> context) {
        public Envelope {
            Objects.requireNonNull(wamid);
            Objects.requireNonNull(timestamp);
        }
    }

    /** A quoted reply or a reply to a button points at an earlier message. */
    record Context(Optional<String> quotedWamid, Optional<String> quotedFrom, boolean forwarded) {
    }

    record Text(Envelope envelope, String body) implements InboundMessage {
    }

    /** Image, video, audio, document or sticker: the media itself is downloaded separately by id. */
    record Media(Envelope envelope, MediaKind kind, String mediaId, String mimeType, Optional<String> sha256,
                 Optional<String> caption, Optional<String> fileName) implements InboundMessage {
    }

    enum MediaKind { IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER }

    record Location(Envelope envelope, BigDecimal latitude, BigDecimal longitude, Optional<String> name,
                    Optional<String> address) implements InboundMessage {
    }

    record SharedContacts(Envelope envelope, List<SharedContact> contacts) implements InboundMessage {
    }

    record SharedContact(String formattedName, List<String> phones) {
    }

    /** A reaction to an earlier message; an empty emoji removes the reaction. */
    record Reaction(Envelope envelope, String reactedWamid, Optional<String> emoji) implements InboundMessage {
    }

    /** A tap on a quick-reply button of a template, or on an interactive button or list row. */
    record Reply(Envelope envelope, ReplyKind kind, String replyId, String title) implements InboundMessage {
    }

    enum ReplyKind { TEMPLATE_BUTTON, BUTTON, LIST }

    /** A system notice, for example that the customer changed number (then {@code newWaId} is the new one). */
    record SystemNotice(Envelope envelope, String body, Optional<String> newWaId) implements InboundMessage {
    }

    /** A kind WhatsApp or the plugin does not support; kept so nothing the customer sent is lost. */
    record Unsupported(Envelope envelope, String type) implements InboundMessage {
    }
}
