package io.crmkit.whatsapp.application.meta;

import io.crmkit.whatsapp.application.webhook.IncomingEvent;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * Meta's webhook JSON read into the plugin's types at the edge: a delivery split into events to store, and a
 * stored event parsed completely into records. Nothing past this port reads Meta's field names.
 */
public interface WebhookPayloads {

    /**
     * The events of one delivery, each with its routing and its JSON to store.
     *
     * @throws MalformedPayloadException when the delivery lacks what every delivery of Meta has
     */
    List<IncomingEvent> split(JsonObject delivery);

    /** A customer's message as stored by {@link #split}, with the name the customer gave WhatsApp, if any. */
    CustomerMessage message(JsonObject storedEvent);

    /** A status of an outbound message as stored by {@link #split}. */
    MessageStatus status(JsonObject storedEvent);

    /** A template update as stored by {@link #split}. */
    TemplateUpdate templateUpdate(JsonObject storedEvent);

    /** A message and the sender's WhatsApp profile name (never blank when present). */
    record CustomerMessage(InboundMessage message, Optional<String> profileName) {
    }
}
