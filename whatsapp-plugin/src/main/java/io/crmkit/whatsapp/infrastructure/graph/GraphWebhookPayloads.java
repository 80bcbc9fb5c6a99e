package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.meta.MalformedPayloadException;
import io.crmkit.whatsapp.application.meta.MessageStatus;
import io.crmkit.whatsapp.application.meta.WebhookPayloads;
import io.crmkit.whatsapp.application.webhook.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.Optional;

/** Meta's webhook JSON as the Cloud API documents it (whatsapp-cloud-api.md, "Webhooks"). */
@ApplicationScoped
public class GraphWebhookPayloads implements WebhookPayloads {

    @Override
    public List<IncomingEvent> split(JsonObject delivery) {
        return WebhookEnvelope.split(delivery);
    }

    @Override
    public CustomerMessage message(JsonObject storedEvent) {
        Optional<String> profileName = MetaWebhookJson.object(storedEvent, "contact")
                .flatMap(contact -> MetaWebhookJson.object(contact, "profile"))
                .flatMap(profile -> MetaWebhookJson.text(profile, "name"))
                .filter(name -> !name.isBlank());
        return new CustomerMessage(MetaWebhookJson.message(MetaWebhookJson.object(storedEvent, "message")
                .orElseThrow(() -> new MalformedPayloadException(
                        "the stored event has no message"))), profileName);
    }

    @Override
    public MessageStatus status(JsonObject storedEvent) {
        return MetaWebhookJson.status(MetaWebhookJson.object(storedEvent, "status")
                .orElseThrow(() -> new MalformedPayloadException(
                        "the stored event has no status")));
    }
}
