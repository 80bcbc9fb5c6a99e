package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.meta.InboundMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.Locale;
import java.util.Optional;

/**
 * How an inbound message is kept and shown: its type word, its text (what search and previews use) and its
 * details as JSON.
 *
 * @param preview what the conversation list shows for it
 */
public record MessageContent(String type, Optional<String> text, String detailsJson, String preview) {

    public static MessageContent of(InboundMessage message) {
        JsonObjectBuilder details = Json.createObjectBuilder();
        message.envelope().context().ifPresent(context -> {
            JsonObjectBuilder quoted = Json.createObjectBuilder().add("forwarded", context.forwarded());
            context.quotedWamid().ifPresent(id -> quoted.add("wamid", id));
            details.add("context", quoted);
        });
        if (message instanceof InboundMessage.Text text) {
            return new MessageContent("text", Optional.of(text.body()), details.build().toString(), text.body());
        }
        if (message instanceof InboundMessage.Media media) {
            String kind = media.kind().name().toLowerCase(Locale.ROOT);
            details.add("mediaId", media.mediaId()).add("mimeType", media.mimeType());
            media.fileName().ifPresent(name -> details.add("fileName", name));
            media.sha256().ifPresent(hash -> details.add("sha256", hash));
            String preview = media.caption().or(media::fileName).orElse("[" + kind + "]");
            return new MessageContent(kind, media.caption(), details.build().toString(), preview);
        }
        if (message instanceof InboundMessage.Location location) {
            details.add("latitude", location.latitude()).add("longitude", location.longitude());
            location.name().ifPresent(name -> details.add("name", name));
            location.address().ifPresent(address -> details.add("address", address));
            String label = location.name().or(location::address).orElse(location.latitude() + ", " + location.longitude());
            return new MessageContent("location", Optional.of(label), details.build().toString(), "📍 " + label);
        }
        if (message instanceof InboundMessage.SharedContacts shared) {
            JsonArrayBuilder contacts = Json.createArrayBuilder();
            shared.contacts().forEach(c -> contacts.add(Json.createObjectBuilder().add("name", c.formattedName())
                    .add("phones", Json.createArrayBuilder(c.phones()))));
            String names = String.join(", ", shared.contacts().stream().map(InboundMessage.SharedContact::formattedName).toList());
            return new MessageContent("contacts", Optional.of(names), details.add("contacts", contacts).build().toString(),
                    "👤 " + names);
        }
        if (message instanceof InboundMessage.Reply reply) {
            details.add("replyId", reply.replyId()).add("replyKind", reply.kind().name());
            return new MessageContent("reply", Optional.of(reply.title()), details.build().toString(), reply.title());
        }
        if (message instanceof InboundMessage.SystemNotice notice) {
            notice.newWaId().ifPresent(id -> details.add("newWaId", id));
            return new MessageContent("system", Optional.of(notice.body()), details.build().toString(), notice.body());
        }
        if (message instanceof InboundMessage.Reaction reaction) {
            details.add("reactedWamid", reaction.reactedWamid());
            reaction.emoji().ifPresent(emoji -> details.add("emoji", emoji));
            return new MessageContent("reaction", reaction.emoji(), details.build().toString(), reaction.emoji().orElse(""));
        }
        InboundMessage.Unsupported unsupported = (InboundMessage.Unsupported) message;
        return new MessageContent("unsupported", Optional.empty(), details.add("originalType", unsupported.type()).build().toString(),
                "[unsupported message]");
    }
}
