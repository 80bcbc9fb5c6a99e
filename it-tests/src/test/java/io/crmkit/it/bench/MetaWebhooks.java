package io.crmkit.it.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.crmkit.it.bench.BenchResults.JSON;

/**
 * Meta's webhook JSON for one number, as the tests' {@code Webhooks} writes it, built with one JSON provider:
 * {@code Json}'s static methods look the provider up on every call, a cost of the load generator on the machine
 * being measured, thousands of times a second.
 */
record MetaWebhooks(String wabaId, String phoneNumberId) {

    JsonObject textMessage(String from, String wamid, String text) {
        return JSON.createObjectBuilder().add("from", from).add("id", wamid)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("type", "text")
                .add("text", JSON.createObjectBuilder().add("body", text)).build();
    }

    /** A status of a message the business sent to {@code recipient}. */
    JsonObject status(String wamid, String status, String recipient) {
        return JSON.createObjectBuilder().add("id", wamid).add("status", status)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("recipient_id", recipient).build();
    }

    JsonObject metadata() {
        return JSON.createObjectBuilder().add("display_phone_number", "15550000000").add("phone_number_id", phoneNumberId)
                .build();
    }

    JsonArrayBuilder batch() {
        return JSON.createArrayBuilder();
    }

    /** A signed-ready delivery body: one entry with one {@code messages} change. */
    byte[] envelope(JsonArrayBuilder messages, JsonArrayBuilder statuses) {
        JsonObject entry = JSON.createObjectBuilder().add("id", wabaId).add("changes", JSON.createArrayBuilder().add(
                JSON.createObjectBuilder().add("field", "messages").add("value", JSON.createObjectBuilder()
                        .add("messaging_product", "whatsapp").add("metadata", metadata())
                        .add("contacts", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                                .add("profile", JSON.createObjectBuilder().add("name", "Customer")).add("wa_id", "819012345678")))
                        .add("messages", messages).add("statuses", statuses)))).build();
        return JSON.createObjectBuilder().add("object", "whatsapp_business_account").add("entry", JSON.createArrayBuilder().add(entry))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
