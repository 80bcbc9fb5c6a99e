package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.meta.InboundMessage;
import io.crmkit.whatsapp.application.meta.InboundMessage.Context;
import io.crmkit.whatsapp.application.meta.InboundMessage.Envelope;
import io.crmkit.whatsapp.application.meta.InboundMessage.MediaKind;
import io.crmkit.whatsapp.application.meta.InboundMessage.ReplyKind;
import io.crmkit.whatsapp.application.meta.MalformedPayloadException;
import io.crmkit.whatsapp.application.meta.MessageStatus;
import io.crmkit.whatsapp.application.meta.MetaError;
import io.crmkit.whatsapp.domain.MetaPricing;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Meta's webhook JSON translated into the plugin's records. Unknown fields are ignored, unknown message
 * kinds become {@link InboundMessage.Unsupported}; a message without an id or a timestamp is malformed.
 */
public final class MetaWebhookJson {
    private MetaWebhookJson() {
    }

    /** Thrown for JSON that is not a webhook Meta could have sent. */
    public static InboundMessage message(JsonObject json) {
        Envelope envelope = envelope(json);
        String type = text(json, "type").orElse("unknown").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text" -> new InboundMessage.Text(envelope, object(json, "text").flatMap(t -> text(t, "body")).orElse(""));
            case "image", "video", "audio", "document", "sticker" -> media(envelope, type, object(json, type).orElse(JsonValue.EMPTY_JSON_OBJECT));
            case "location" -> location(envelope, object(json, "location").orElse(JsonValue.EMPTY_JSON_OBJECT));
            case "contacts" -> new InboundMessage.SharedContacts(envelope, contacts(json));
            case "reaction" -> {
                JsonObject reaction = object(json, "reaction").orElse(JsonValue.EMPTY_JSON_OBJECT);
                yield new InboundMessage.Reaction(envelope, text(reaction, "message_id").orElse(""),
                        text(reaction, "emoji").filter(e -> !e.isEmpty()));
            }
            case "button" -> {
                JsonObject button = object(json, "button").orElse(JsonValue.EMPTY_JSON_OBJECT);
                yield new InboundMessage.Reply(envelope, ReplyKind.TEMPLATE_BUTTON, text(button, "payload").orElse(""),
                        text(button, "text").orElse(""));
            }
            case "interactive" -> interactive(envelope, object(json, "interactive").orElse(JsonValue.EMPTY_JSON_OBJECT));
            case "system" -> {
                JsonObject system = object(json, "system").orElse(JsonValue.EMPTY_JSON_OBJECT);
                yield new InboundMessage.SystemNotice(envelope, text(system, "body").orElse(""),
                        text(system, "wa_id").or(() -> text(system, "new_wa_id")));
            }
            default -> new InboundMessage.Unsupported(envelope, type);
        };
    }

    private static Envelope envelope(JsonObject json) {
        String wamid = text(json, "id").orElseThrow(() -> new MalformedPayloadException("a message has no id"));
        Optional<Context> context = object(json, "context").map(c -> new Context(text(c, "id"), text(c, "from"),
                c.getBoolean("forwarded", false)));
        return new Envelope(wamid, text(json, "from"), text(json, "user_id"), timestamp(json), context);
    }

    private static InboundMessage media(Envelope envelope, String type, JsonObject media) {
        return new InboundMessage.Media(envelope, MediaKind.valueOf(type.toUpperCase(Locale.ROOT)),
                text(media, "id").orElse(""), text(media, "mime_type").orElse("application/octet-stream"),
                text(media, "sha256"), text(media, "caption"), text(media, "filename"));
    }

    private static InboundMessage location(Envelope envelope, JsonObject location) {
        return new InboundMessage.Location(envelope, number(location, "latitude"), number(location, "longitude"),
                text(location, "name"), text(location, "address"));
    }

    private static List<InboundMessage.SharedContact> contacts(JsonObject json) {
        JsonArray contacts = json.containsKey("contacts") && json.get("contacts") instanceof JsonArray array
                ? array : JsonValue.EMPTY_JSON_ARRAY;
        return contacts.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).map(contact -> {
            String name = object(contact, "name").flatMap(n -> text(n, "formatted_name")).orElse("");
            List<String> phones = contact.get("phones") instanceof JsonArray phoneArray
                    ? phoneArray.stream().filter(p -> p instanceof JsonObject)
                    .map(p -> text(p.asJsonObject(), "phone").orElse("")).filter(p -> !p.isEmpty()).toList()
                    : List.of();
            return new InboundMessage.SharedContact(name, phones);
        }).toList();
    }

    private static InboundMessage interactive(Envelope envelope, JsonObject interactive) {
        String kind = text(interactive, "type").orElse("");
        if ("list_reply".equals(kind)) {
            JsonObject reply = object(interactive, "list_reply").orElse(JsonValue.EMPTY_JSON_OBJECT);
            return new InboundMessage.Reply(envelope, ReplyKind.LIST, text(reply, "id").orElse(""), text(reply, "title").orElse(""));
        }
        if ("button_reply".equals(kind)) {
            JsonObject reply = object(interactive, "button_reply").orElse(JsonValue.EMPTY_JSON_OBJECT);
            return new InboundMessage.Reply(envelope, ReplyKind.BUTTON, text(reply, "id").orElse(""), text(reply, "title").orElse(""));
        }
        return new InboundMessage.Unsupported(envelope, "interactive:" + kind);
    }

    public static MessageStatus status(JsonObject json) {
        String wamid = text(json, "id").orElseThrow(() -> new MalformedPayloadException("a status has no message id"));
        Optional<MetaError> error = json.get("errors") instanceof JsonArray errors && !errors.isEmpty()
                && errors.get(0) instanceof JsonObject first
                ? Optional.of(new MetaError(0, first.getInt("code", -2), Optional.empty(), "StatusError",
                first.getString("title", first.getString("message", "failed")),
                object(first, "error_data").flatMap(d -> text(d, "details")), Optional.empty()))
                : Optional.empty();
        Optional<MetaPricing> pricing = object(json, "pricing").map(p -> new MetaPricing(text(p, "category"), text(p, "type"),
                Optional.ofNullable(p.get("billable")).filter(b -> b.getValueType() != JsonValue.ValueType.NULL)
                        .map(JsonValue.TRUE::equals), text(p, "pricing_model")));
        return new MessageStatus(wamid, MessageStatus.State.fromWire(text(json, "status").orElse(null)), timestamp(json),
                text(json, "recipient_id").orElse(""), text(json, "biz_opaque_callback_data"), error, pricing);
    }

    /** Meta's timestamps are Unix seconds written as strings. */
    static Instant timestamp(JsonObject json) {
        Optional<String> seconds = text(json, "timestamp");
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds.orElseThrow()));
        } catch (RuntimeException notSeconds) {
            throw new MalformedPayloadException("a timestamp is missing or not Unix seconds");
        }
    }

    static Optional<String> text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        if (value instanceof JsonNumber number) {
            return Optional.of(number.toString());
        }
        return Optional.empty();
    }

    static Optional<JsonObject> object(JsonObject json, String field) {
        return json.get(field) instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    }

    private static BigDecimal number(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        if (value instanceof JsonString string) {
            try {
                return new BigDecimal(string.getString());
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw new MalformedPayloadException("a location has no " + field);
    }
}
