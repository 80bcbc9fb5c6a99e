package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.domain.MessageDetails.ButtonReply;
import io.crmkit.whatsapp.domain.MessageDetails.Card;
import io.crmkit.whatsapp.domain.MessageDetails.ContactCards;
import io.crmkit.whatsapp.domain.MessageDetails.Content;
import io.crmkit.whatsapp.domain.MessageDetails.File;
import io.crmkit.whatsapp.domain.MessageDetails.HeaderFile;
import io.crmkit.whatsapp.domain.MessageDetails.NumberChange;
import io.crmkit.whatsapp.domain.MessageDetails.Place;
import io.crmkit.whatsapp.domain.MessageDetails.Quote;
import io.crmkit.whatsapp.domain.MessageDetails.ReactionTo;
import io.crmkit.whatsapp.domain.MessageDetails.TemplateSend;
import io.crmkit.whatsapp.domain.MessageDetails.Unsupported;
import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import io.crmkit.whatsapp.domain.TemplateParameter;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * Message details as one JSON object in the {@code details} column: the quote under {@code context}, the reaction,
 * and the content's fields beside them with its {@code kind}. Rows written before the kind was stored are read by
 * the fields they have.
 */
@Converter(autoApply = true)
public class MessageDetailsConverter implements AttributeConverter<MessageDetails, String> {

    @Override
    public String convertToDatabaseColumn(MessageDetails details) {
        if (details == null) {
            return null;
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        details.quote().ifPresent(quote -> {
            JsonObjectBuilder context = Jsonp.createObjectBuilder().add("forwarded", quote.forwarded());
            quote.wamid().ifPresent(wamid -> context.add("wamid", wamid));
            json.add("context", context);
        });
        details.reaction().ifPresent(emoji -> json.add("reaction", emoji));
        details.content().ifPresent(content -> write(content, json));
        return json.build().toString();
    }

    private static void write(Content content, JsonObjectBuilder json) {
        if (content instanceof File file) {
            json.add("kind", "file");
            file.fileName().ifPresent(name -> json.add("fileName", name));
            file.mediaId().ifPresent(id -> json.add("mediaId", id));
            file.mimeType().ifPresent(type -> json.add("mimeType", type));
            file.sha256().ifPresent(hash -> json.add("sha256", hash));
        } else if (content instanceof Place place) {
            json.add("kind", "place").add("latitude", place.latitude()).add("longitude", place.longitude());
            place.name().ifPresent(name -> json.add("name", name));
            place.address().ifPresent(address -> json.add("address", address));
        } else if (content instanceof ContactCards contacts) {
            JsonArrayBuilder cards = Jsonp.createArrayBuilder();
            contacts.cards().forEach(card -> cards.add(Jsonp.createObjectBuilder().add("name", card.name())
                    .add("phones", Jsonp.createArrayBuilder(card.phones()))));
            json.add("kind", "contacts").add("contacts", cards);
        } else if (content instanceof ButtonReply reply) {
            json.add("kind", "reply").add("replyId", reply.replyId()).add("replyKind", reply.replyKind());
        } else if (content instanceof NumberChange change) {
            json.add("kind", "numberChange");
            change.newWaId().ifPresent(id -> json.add("newWaId", id));
        } else if (content instanceof ReactionTo reaction) {
            json.add("kind", "reactionTo").add("reactedWamid", reaction.reactedWamid());
            reaction.emoji().ifPresent(emoji -> json.add("emoji", emoji));
        } else if (content instanceof Unsupported unsupported) {
            json.add("kind", "unsupported").add("originalType", unsupported.originalType());
        } else if (content instanceof TemplateSend template) {
            JsonArrayBuilder values = Jsonp.createArrayBuilder();
            template.values().forEach(value -> values.add(Jsonp.createObjectBuilder()
                    .add("component", value.parameter().component().name()).add("index", value.parameter().buttonIndex())
                    .add("name", value.parameter().name()).add("value", value.value())));
            json.add("kind", "template").add("templateId", template.templateId()).add("name", template.name())
                    .add("language", template.language()).add("category", template.category()).add("values", values);
            template.headerFile().ifPresent(file -> json.add("headerFile", Jsonp.createObjectBuilder()
                    .add("format", file.format().name()).add("sampleHandle", file.sampleHandle()).add("fileName", file.fileName())));
        }
    }

    @Override
    public MessageDetails convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return MessageDetails.NONE;
        }
        JsonObject json = Jsonp.createReader(new StringReader(column)).readObject();
        Optional<Quote> quote = Optional.ofNullable(json.getJsonObject("context"))
                .map(context -> new Quote(text(context, "wamid"), context.getBoolean("forwarded", false)));
        return new MessageDetails(quote, text(json, "reaction"), content(json));
    }

    private static Optional<Content> content(JsonObject json) {
        String kind = json.getString("kind", kindByFields(json));
        return Optional.ofNullable(switch (kind) {
            case "file" -> new File(text(json, "fileName"), text(json, "mediaId"), text(json, "mimeType"),
                    text(json, "sha256"));
            case "place" -> new Place(json.getJsonNumber("latitude").bigDecimalValue(),
                    json.getJsonNumber("longitude").bigDecimalValue(), text(json, "name"), text(json, "address"));
            case "contacts" -> new ContactCards(json.getJsonArray("contacts").getValuesAs(JsonObject.class).stream()
                    .map(card -> new Card(card.getString("name", ""), card.getJsonArray("phones") == null ? List.of()
                            : card.getJsonArray("phones").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                            .toList())).toList());
            case "reply" -> new ButtonReply(json.getString("replyId", ""), json.getString("replyKind", ""));
            case "numberChange" -> new NumberChange(text(json, "newWaId"));
            case "reactionTo" -> new ReactionTo(json.getString("reactedWamid", ""), text(json, "emoji"));
            case "unsupported" -> new Unsupported(json.getString("originalType", ""));
            case "template" -> new TemplateSend(json.getJsonNumber("templateId").longValue(), json.getString("name", ""),
                    json.getString("language", ""), json.getString("category", ""),
                    json.getJsonArray("values").getValuesAs(JsonObject.class).stream()
                            .map(value -> new TemplateContent.FilledParameter(new TemplateParameter(
                                    TemplateParameter.Component.valueOf(value.getString("component")), value.getInt("index"),
                                    value.getString("name"), Optional.empty()), value.getString("value"))).toList(),
                    Optional.ofNullable(json.getJsonObject("headerFile")).map(file -> new HeaderFile(
                            TemplateHeader.Format.valueOf(file.getString("format")), file.getString("sampleHandle"),
                            file.getString("fileName"))));
            default -> null;
        });
    }

    /** The kind of a row written before kinds were stored, told by the fields it has. */
    private static String kindByFields(JsonObject json) {
        if (json.containsKey("mediaId") || json.containsKey("fileName")) {
            return "file";
        }
        if (json.containsKey("latitude")) {
            return "place";
        }
        if (json.containsKey("contacts")) {
            return "contacts";
        }
        if (json.containsKey("replyId")) {
            return "reply";
        }
        if (json.containsKey("newWaId")) {
            return "numberChange";
        }
        if (json.containsKey("reactedWamid")) {
            return "reactionTo";
        }
        return json.containsKey("originalType") ? "unsupported" : "";
    }

    private static Optional<String> text(JsonObject json, String field) {
        return json.get(field) instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
    }
}
