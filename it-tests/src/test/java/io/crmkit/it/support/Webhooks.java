package io.crmkit.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Webhook payloads as Meta sends them, signed with the test deployment's app secret. */
public final class Webhooks {
    private Webhooks() {
    }

    public static String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(EmbeddedDatabaseSession.APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String newWamid() {
        return "wamid.TEST" + UUID.randomUUID().toString().replace("-", "");
    }

    public static JsonObject textMessage(String from, String wamid, String text) {
        return Json.createObjectBuilder().add("from", from).add("id", wamid)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("type", "text")
                .add("text", Json.createObjectBuilder().add("body", text)).build();
    }

    public static JsonObject status(String wamid, String status) {
        return status(wamid, status, "819012345678");
    }

    /** A status of a message the business sent to {@code recipient}. */
    public static JsonObject status(String wamid, String status, String recipient) {
        return Json.createObjectBuilder().add("id", wamid).add("status", status)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("recipient_id", recipient).build();
    }

    /** One {@code entry} with one {@code messages} change for a number. */
    public static JsonObject entry(String wabaId, String phoneNumberId, JsonArrayBuilder messages, JsonArrayBuilder statuses) {
        return Json.createObjectBuilder().add("id", wabaId).add("changes", Json.createArrayBuilder().add(
                Json.createObjectBuilder().add("field", "messages").add("value", Json.createObjectBuilder()
                        .add("messaging_product", "whatsapp")
                        .add("metadata", Json.createObjectBuilder().add("display_phone_number", "15550000000")
                                .add("phone_number_id", phoneNumberId))
                        .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("profile", Json.createObjectBuilder().add("name", "Customer")).add("wa_id", "819012345678")))
                        .add("messages", messages).add("statuses", statuses)))).build();
    }

    public static byte[] envelope(JsonObject... entries) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (JsonObject entry : entries) {
            all.add(entry);
        }
        return Json.createObjectBuilder().add("object", "whatsapp_business_account").add("entry", all).build()
                .toString().getBytes(StandardCharsets.UTF_8);
    }
}
