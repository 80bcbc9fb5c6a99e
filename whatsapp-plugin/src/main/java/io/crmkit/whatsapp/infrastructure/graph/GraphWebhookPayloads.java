package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.meta.MalformedPayloadException;
import io.crmkit.whatsapp.application.meta.MessageStatus;
import io.crmkit.whatsapp.application.meta.TemplateUpdate;
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

    /** Stored as {@code {field, value}}: the change's field says which of Meta's three template webhooks it is. */
    @Override
    public TemplateUpdate templateUpdate(JsonObject storedEvent) {
        JsonObject value = MetaWebhookJson.object(storedEvent, "value")
                .orElseThrow(() -> new MalformedPayloadException("the stored event has no template update"));
        Optional<String> id = MetaWebhookJson.text(value, "message_template_id");
        String name = value.getString("message_template_name", "");
        String language = value.getString("message_template_language", "");
        return switch (storedEvent.getString("field", "message_template_status_update")) {
            case "template_category_update" -> new TemplateUpdate.CategoryChanged(id, name, language,
                    MetaWebhookJson.text(value, "new_category").or(() -> MetaWebhookJson.text(value, "correct_category"))
                            .orElse(""));
            case "message_template_quality_update" -> new TemplateUpdate.QualityChanged(id, name, language,
                    value.getString("new_quality_score", "UNKNOWN"));
            default -> {
                Optional<JsonObject> rejection = MetaWebhookJson.object(value, "rejection_info");
                yield new TemplateUpdate.StatusChanged(id, name, language, value.getString("event", ""),
                        rejection.flatMap(info -> MetaWebhookJson.text(info, "reason"))
                                .or(() -> MetaWebhookJson.text(value, "reason")),
                        rejection.flatMap(info -> MetaWebhookJson.text(info, "recommendation")));
            }
        };
    }
}
