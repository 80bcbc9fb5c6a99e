package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.meta.InboundMessage;
import io.crmkit.whatsapp.application.meta.MalformedPayloadException;
import io.crmkit.whatsapp.application.meta.MessageStatus;
import io.crmkit.whatsapp.application.webhook.IncomingEvent;
import io.crmkit.whatsapp.application.webhook.IncomingEvent.Kind;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Splits Meta's batched envelope ({@code object / entry[] / changes[] / value}) into one
 * {@link IncomingEvent} per message, status, error and template update. Other objects and fields are not
 * ours and yield nothing; a structure that is not Meta's is malformed.
 */
public final class WebhookEnvelope {
    private WebhookEnvelope() {
    }

    public static List<IncomingEvent> split(JsonObject envelope) {
        if (!"whatsapp_business_account".equals(envelope.getString("object", null))) {
            return List.of();
        }
        List<IncomingEvent> events = new ArrayList<>();
        for (JsonObject entry : objects(envelope, "entry")) {
            String wabaId = MetaWebhookJson.text(entry, "id").orElse("");
            for (JsonObject change : objects(entry, "changes")) {
                JsonObject value = MetaWebhookJson.object(change, "value")
                        .orElseThrow(() -> new MalformedPayloadException("a change has no value"));
                switch (change.getString("field", "")) {
                    case "messages" -> splitMessages(value, events);
                    case "message_template_status_update", "template_category_update", "message_template_quality_update" ->
                            events.add(new IncomingEvent(Kind.TEMPLATE_STATUS, wabaId, "t:" + wabaId + ":" + digest(value),
                                    Optional.empty(), entryTime(entry), Jsonp.createObjectBuilder()
                                    .add("field", change.getString("field")).add("value", value).build()));
                    default -> {
                        // fields the plugin does not subscribe to
                    }
                }
            }
        }
        return events;
    }

    private static void splitMessages(JsonObject value, List<IncomingEvent> events) {
        JsonObject metadata = MetaWebhookJson.object(value, "metadata")
                .orElseThrow(() -> new MalformedPayloadException("a messages change has no metadata"));
        String phoneNumberId = MetaWebhookJson.text(metadata, "phone_number_id")
                .orElseThrow(() -> new MalformedPayloadException("metadata has no phone_number_id"));
        List<JsonObject> contacts = objects(value, "contacts");
        for (JsonObject message : objects(value, "messages")) {
            InboundMessage parsed = MetaWebhookJson.message(message);
            JsonObjectBuilder payload = Jsonp.createObjectBuilder().add("metadata", metadata).add("message", message);
            contactOf(contacts, parsed).ifPresent(contact -> payload.add("contact", contact));
            events.add(new IncomingEvent(Kind.MESSAGE, phoneNumberId, "m:" + phoneNumberId + ":" + parsed.envelope().wamid(),
                    Optional.of(parsed.envelope().wamid()), parsed.envelope().timestamp(), payload.build()));
        }
        for (JsonObject status : objects(value, "statuses")) {
            MessageStatus parsed = MetaWebhookJson.status(status);
            events.add(new IncomingEvent(Kind.STATUS, phoneNumberId,
                    "s:" + parsed.wamid() + ":" + parsed.state() + ":" + parsed.timestamp().getEpochSecond(),
                    Optional.of(parsed.wamid()), parsed.timestamp(),
                    Jsonp.createObjectBuilder().add("metadata", metadata).add("status", status).build()));
        }
        for (JsonObject error : objects(value, "errors")) {
            events.add(new IncomingEvent(Kind.ERROR, phoneNumberId, "e:" + phoneNumberId + ":" + digest(error),
                    Optional.empty(), Instant.now(), Jsonp.createObjectBuilder().add("metadata", metadata).add("error", error).build()));
        }
    }

    /** The contact entry of the sender: matched by wa_id, or by user_id for users without a phone number. */
    private static Optional<JsonObject> contactOf(List<JsonObject> contacts, InboundMessage message) {
        for (JsonObject contact : contacts) {
            Optional<String> waId = MetaWebhookJson.text(contact, "wa_id");
            Optional<String> userId = MetaWebhookJson.text(contact, "user_id");
            if ((waId.isPresent() && waId.equals(message.envelope().from()))
                    || (userId.isPresent() && userId.equals(message.envelope().userId()))) {
                return Optional.of(contact);
            }
        }
        return contacts.size() == 1 ? Optional.of(contacts.get(0)) : Optional.empty();
    }

    private static Instant entryTime(JsonObject entry) {
        return MetaWebhookJson.text(entry, "time").map(Long::parseLong).map(Instant::ofEpochSecond).orElseGet(Instant::now);
    }

    private static List<JsonObject> objects(JsonObject parent, String field) {
        JsonValue value = parent.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof JsonObject))) {
            throw new MalformedPayloadException(field + " must be a list of objects");
        }
        return array.stream().map(JsonValue::asJsonObject).toList();
    }

    private static String digest(JsonObject json) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
