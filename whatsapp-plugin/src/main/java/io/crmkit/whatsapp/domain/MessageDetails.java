package io.crmkit.whatsapp.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a message carries beside its text: the message it quotes, the customer's reaction to it, and what its kind
 * has (a file, a place, contact cards ...). Typed once, where Meta's JSON or the user's input is read; stored and
 * served as it is.
 *
 * @param quote    the earlier message it quotes or answers
 * @param reaction the emoji the customer reacted to it with
 * @param content  what its kind carries; empty for text
 */
public record MessageDetails(Optional<Quote> quote, Optional<String> reaction, Optional<Content> content) {
    public static final MessageDetails NONE = new MessageDetails(Optional.empty(), Optional.empty(), Optional.empty());

    public MessageDetails {
        Objects.requireNonNull(quote);
        Objects.requireNonNull(reaction);
        Objects.requireNonNull(content);
    }

    public static MessageDetails of(Optional<Quote> quote, Content content) {
        return new MessageDetails(quote, Optional.empty(), Optional.of(content));
    }

    /** The same details with the customer's latest reaction (an empty emoji takes it back). */
    public MessageDetails withReaction(Optional<String> emoji) {
        return new MessageDetails(quote, emoji, content);
    }

    /** A quoted message, or an answer to a button of one; {@code forwarded} when the customer forwarded it. */
    public record Quote(Optional<String> wamid, boolean forwarded) {
    }

    /** What one kind of message carries. */
    public sealed interface Content permits File, Place, ContactCards, ButtonReply, NumberChange, ReactionTo, Unsupported,
            TemplateSend {
    }

    /**
     * A file; Meta's {@code mediaId}, {@code mimeType} and {@code sha256} are known for a customer's file, the name
     * when there is one.
     */
    public record File(Optional<String> fileName, Optional<String> mediaId, Optional<String> mimeType,
                       Optional<String> sha256) implements Content {
        public static File named(String fileName) {
            return new File(Optional.of(fileName), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public record Place(BigDecimal latitude, BigDecimal longitude, Optional<String> name, Optional<String> address)
            implements Content {
    }

    public record ContactCards(List<Card> cards) implements Content {
        public ContactCards {
            cards = List.copyOf(cards);
        }
    }

    public record Card(String name, List<String> phones) {
        public Card {
            phones = List.copyOf(phones);
        }
    }

    /** A tap on a button or list row; {@code replyKind} says which. */
    public record ButtonReply(String replyId, String replyKind) implements Content {
    }

    /** WhatsApp's notice that the customer changed number, to {@code newWaId} when Meta says. */
    public record NumberChange(Optional<String> newWaId) implements Content {
    }

    /** A reaction Meta delivered before the message it reacts to was known here. */
    public record ReactionTo(String reactedWamid, Optional<String> emoji) implements Content {
    }

    /**
     * A template the business sent, with the value of each parameter as it was when queued, so that what the
     * customer receives does not change when the template or the CRM's records change later.
     *
     * @param language the code exactly as Meta approved the template
     */
    public record TemplateSend(long templateId, String name, String language, String category,
                               List<TemplateContent.FilledParameter> values, Optional<HeaderFile> headerFile)
            implements Content {
        public TemplateSend {
            values = List.copyOf(values);
            Objects.requireNonNull(headerFile, "headerFile");
        }
    }

    /** The image, video or document a template's header shows: its sample, kept by Meta's handle. */
    public record HeaderFile(TemplateHeader.Format format, String sampleHandle, String fileName) {
    }

    /** A kind WhatsApp or the plugin cannot show, kept so that nothing the customer sent is lost. */
    public record Unsupported(String originalType) implements Content {
    }
}
