package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.meta.InboundMessage;
import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.MessageDetails.Quote;

import java.util.Locale;
import java.util.Optional;

/**
 * How an inbound message is kept and shown: its type word, its text (what search and previews use) and its
 * typed details.
 *
 * @param preview what the conversation list shows for it
 */
public record MessageContent(String type, Optional<String> text, MessageDetails details, String preview) {

    public static MessageContent of(InboundMessage message) {
        Optional<Quote> quote = message.envelope().context()
                .map(context -> new Quote(context.quotedWamid(), context.forwarded()));
        if (message instanceof InboundMessage.Text text) {
            return new MessageContent("text", Optional.of(text.body()),
                    new MessageDetails(quote, Optional.empty(), Optional.empty()), text.body());
        }
        if (message instanceof InboundMessage.Media media) {
            String kind = media.kind().name().toLowerCase(Locale.ROOT);
            String preview = media.caption().or(media::fileName).orElse("[" + kind + "]");
            return new MessageContent(kind, media.caption(), MessageDetails.of(quote, new MessageDetails.File(
                    media.fileName(), Optional.of(media.mediaId()), Optional.of(media.mimeType()), media.sha256())), preview);
        }
        if (message instanceof InboundMessage.Location location) {
            String label = location.name().or(location::address).orElse(location.latitude() + ", " + location.longitude());
            return new MessageContent("location", Optional.of(label), MessageDetails.of(quote, new MessageDetails.Place(
                    location.latitude(), location.longitude(), location.name(), location.address())), "📍 " + label);
        }
        if (message instanceof InboundMessage.SharedContacts shared) {
            String names = String.join(", ", shared.contacts().stream().map(InboundMessage.SharedContact::formattedName).toList());
            return new MessageContent("contacts", Optional.of(names), MessageDetails.of(quote, new MessageDetails.ContactCards(
                    shared.contacts().stream().map(c -> new MessageDetails.Card(c.formattedName(), c.phones())).toList())),
                    "👤 " + names);
        }
        if (message instanceof InboundMessage.Reply reply) {
            return new MessageContent("reply", Optional.of(reply.title()),
                    MessageDetails.of(quote, new MessageDetails.ButtonReply(reply.replyId(), reply.kind().name())), reply.title());
        }
        if (message instanceof InboundMessage.SystemNotice notice) {
            return new MessageContent("system", Optional.of(notice.body()),
                    MessageDetails.of(quote, new MessageDetails.NumberChange(notice.newWaId())), notice.body());
        }
        if (message instanceof InboundMessage.Reaction reaction) {
            return new MessageContent("reaction", reaction.emoji(),
                    MessageDetails.of(quote, new MessageDetails.ReactionTo(reaction.reactedWamid(), reaction.emoji())),
                    reaction.emoji().orElse(""));
        }
        InboundMessage.Unsupported unsupported = (InboundMessage.Unsupported) message;
        return new MessageContent("unsupported", Optional.empty(),
                MessageDetails.of(quote, new MessageDetails.Unsupported(unsupported.type())), "[unsupported message]");
    }
}
