package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.infrastructure.PublicAddress;
import io.crmkit.whatsapp.application.webhook.WebhookSignature;
import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends webhooks to the plugin like Meta: one signed POST per batch to the callback URL, Meta's envelope,
 * non-ASCII escaped as {@code \\uXXXX}, now and then the same delivery twice (at-least-once), and a delivery
 * the receiver did not take (unreachable, non-2xx) retried with growing delays, as Meta retries for days.
 * The callback URL is this server's own webhook, or another one set per account (as an app's callback URL
 * is set in Meta's dashboard).
 */
@ApplicationScoped
public class SandboxWebhooks {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration BATCH_WINDOW = Duration.ofMillis(150);

    @Inject
    InstallationSecrets secrets;
    @Inject
    SandboxConversations conversations;
    @Inject
    SandboxMedia media;
    @Inject
    SandboxTimers timers;
    @Inject
    SandboxStore store;

    /** Statuses waiting for the next batch, per account; Meta batches what happens close together. */
    private final java.util.Map<String, java.util.List<PendingStatus>> pending = new java.util.concurrent.ConcurrentHashMap<>();

    private record PendingStatus(SandboxState.Number number, JsonObject status) {
    }
    @Inject
    PublicAddress publicAddress;
    @Inject
    @ConfigProperty(name = "whatsapp.sandbox.duplicate-rate", defaultValue = "0.02")
    double duplicateRate;
    @Inject
    @ConfigProperty(name = "whatsapp.sandbox.webhook-retry-max-delay-seconds", defaultValue = "60")
    long retryMaxDelaySeconds;

    /** Deliveries are retried this often at most: about half an hour with the default delays. */
    private static final int DELIVERY_ATTEMPTS = 40;
    private final java.util.Map<String, URI> callbackUrls = new java.util.concurrent.ConcurrentHashMap<>();

    /** Sends an account's webhooks to another receiver from now on. */
    public void redirect(String wabaId, URI callbackUrl) {
        callbackUrls.put(wabaId, callbackUrl);
    }

    /** The wamids of the delivered messages and the HTTP status the plugin answered the (first) delivery with. */
    public record Delivery(List<String> wamids, int status) {
    }

    /** Tells the plugin the outcome of a template's review, as Meta does; a rejection carries a recommendation. */
    void templateReviewed(SandboxTemplates.Template template) {
        if (template == null) {
            return;
        }
        var value = templateIdentity(template).add("event", template.status())
                .add("message_template_category", template.category()).add("reason", template.rejectedReason());
        if ("REJECTED".equals(template.status())) {
            value.add("rejection_info", Jsonp.createObjectBuilder().add("reason", template.rejectedReason())
                    .add("recommendation", RECOMMENDATIONS.getOrDefault(template.rejectedReason(),
                            "Review the template guidelines and edit the template.")));
        }
        deliver(template.wabaId(), "message_template_status_update", value.build());
    }

    /** Meta's advice with each rejection reason, as its review screens word it. */
    private static final java.util.Map<String, String> RECOMMENDATIONS = java.util.Map.of(
            "SCAM", "Remove content that asks for money or personal data in return for a prize.",
            "PROMOTIONAL", "Remove pressure wording such as \"act now\" or \"click here\".",
            "INCORRECT_CATEGORY", "Submit promotions as MARKETING templates.",
            "TAG_CONTENT_MISMATCH", "Write the template in the language you selected, or select the language it is in.",
            "ABUSIVE_CONTENT", "Remove offensive or threatening wording.",
            "INVALID_FORMAT", "Check variables, examples and formatting.");

    /** Tells the plugin that Meta moved a template to another category. */
    void templateRecategorised(SandboxTemplates.Template template, String previousCategory) {
        deliver(template.wabaId(), "template_category_update", templateIdentity(template)
                .add("previous_category", previousCategory).add("new_category", template.category()).build());
    }

    /** Tells the plugin a template's new quality rating. */
    void templateRated(SandboxTemplates.Template template, String score) {
        deliver(template.wabaId(), "message_template_quality_update", templateIdentity(template)
                .add("previous_quality_score", "UNKNOWN").add("new_quality_score", score).build());
    }

    private static JsonObjectBuilder templateIdentity(SandboxTemplates.Template template) {
        return Jsonp.createObjectBuilder().add("message_template_id", Long.parseLong(template.id()))
                .add("message_template_name", template.name()).add("message_template_language", template.language());
    }

    Delivery customerMessages(SandboxState.Number number, String waId, String name, List<JsonObject> messages) {
        JsonArrayBuilder wireMessages = Jsonp.createArrayBuilder();
        List<String> wamids = new ArrayList<>();
        for (JsonObject message : messages) {
            String wamid = "wamid.SBX" + UUID.randomUUID().toString().replace("-", "");
            wamids.add(wamid);
            wireMessages.add(wireMessage(number, waId, wamid, message));
        }
        JsonObject value = Jsonp.createObjectBuilder()
                .add("messaging_product", "whatsapp")
                .add("metadata", Jsonp.createObjectBuilder().add("display_phone_number", number.displayPhoneNumber())
                        .add("phone_number_id", number.id()))
                .add("contacts", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder()
                        .add("profile", Jsonp.createObjectBuilder().add("name", name)).add("wa_id", waId)))
                .add("messages", wireMessages)
                .build();
        conversations.customerWrote(number.id(), waId, Instant.now());
        int status = deliver(number.wabaId(), "messages", value);
        return new Delivery(wamids, status);
    }

    private JsonObject wireMessage(SandboxState.Number number, String waId, String wamid, JsonObject request) {
        String type = request.getString("type", "text");
        JsonObjectBuilder message = Jsonp.createObjectBuilder().add("from", waId).add("id", wamid)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("type", type);
        if (request.containsKey("context")) {
            message.add("context", Jsonp.createObjectBuilder().add("from", waId).add("id", request.getString("context")));
        }
        switch (type) {
            case "text" -> message.add("text", Jsonp.createObjectBuilder().add("body", request.getString("text", "")));
            case "image", "document", "video", "audio", "sticker" -> {
                String mimeType = request.getString("mimeType", type.equals("document") ? "application/pdf" : "image/jpeg");
                String mediaId = "media" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
                SandboxMedia.Medium medium = request.containsKey("contentBase64")
                        ? media.storeCustomerFile(mediaId, number.wabaId(), mimeType, request.getString("fileName", null),
                                request.getString("contentBase64"))
                        : media.storeCustomerSample(mediaId, number.wabaId(), mimeType, request.getString("fileName", null));
                JsonObjectBuilder object = Jsonp.createObjectBuilder().add("id", medium.id())
                        .add("mime_type", mimeType).add("sha256", medium.sha256());
                if (request.containsKey("caption")) {
                    object.add("caption", request.getString("caption"));
                }
                if (request.containsKey("fileName")) {
                    object.add("filename", request.getString("fileName"));
                }
                message.add(type, object);
            }
            case "location" -> message.add("location", Jsonp.createObjectBuilder()
                    .add("latitude", request.getJsonNumber("latitude") == null ? Jsonp.createValue(35.6812) : request.getJsonNumber("latitude"))
                    .add("longitude", request.getJsonNumber("longitude") == null ? Jsonp.createValue(139.7671) : request.getJsonNumber("longitude"))
                    .add("name", request.getString("name", "Tokyo Station")));
            case "reaction" -> message.add("reaction", Jsonp.createObjectBuilder()
                    .add("message_id", request.getString("messageId", "")).add("emoji", request.getString("emoji", "👍")));
            case "button" -> message.add("button", Jsonp.createObjectBuilder()
                    .add("payload", request.getString("payload", request.getString("text", "")))
                    .add("text", request.getString("text", "")));
            default -> message.add(type, request.getOrDefault(type, Jsonp.createObjectBuilder().build()));
        }
        return message.build();
    }

    /**
     * Reports a sent message's fate shortly after the send call answered, as Meta does: {@code sent} then
     * {@code delivered}, or {@code failed} with 131047 when the customer-service window is closed. Statuses
     * of the same account within a short interval travel in one batched delivery.
     */
    void statusesLater(SandboxState.Number number, String wamid, String to, String referenceId, boolean deliverable,
                       JsonObject pricing) {
        if (deliverable) {
            queue(number, statusEntry(wamid, to, referenceId, "sent", pricing, null));
            queue(number, statusEntry(wamid, to, referenceId, "delivered", pricing, null));
        } else {
            queue(number, statusEntry(wamid, to, referenceId, "failed", null,
                    Jsonp.createObjectBuilder().add("code", 131047).add("title", "Re-engagement message")
                            .add("message", "Re-engagement message")
                            .add("error_data", Jsonp.createObjectBuilder().add("details",
                                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number."))
                            .build()));
        }
    }

    private void queue(SandboxState.Number number, JsonObject status) {
        boolean[] startsBatch = {false};
        pending.compute(number.wabaId(), (wabaId, waiting) -> {
            java.util.List<PendingStatus> batch = waiting == null ? new java.util.ArrayList<>() : waiting;
            startsBatch[0] = waiting == null;
            batch.add(new PendingStatus(number, status));
            return batch;
        });
        if (startsBatch[0]) {
            timers.after(BATCH_WINDOW, () -> flush(number.wabaId()));
        }
    }

    /** Sends the account's waiting statuses: one change per phone number, all in one delivery. */
    private void flush(String wabaId) {
        java.util.List<PendingStatus> batch = pending.remove(wabaId);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        java.util.Map<SandboxState.Number, JsonArrayBuilder> byNumber = new java.util.LinkedHashMap<>();
        batch.forEach(p -> byNumber.computeIfAbsent(p.number(), n -> Jsonp.createArrayBuilder()).add(p.status()));
        JsonArrayBuilder changes = Jsonp.createArrayBuilder();
        byNumber.forEach((number, statuses) -> changes.add(Jsonp.createObjectBuilder().add("field", "messages")
                .add("value", Jsonp.createObjectBuilder().add("messaging_product", "whatsapp")
                        .add("metadata", Jsonp.createObjectBuilder().add("display_phone_number", number.displayPhoneNumber())
                                .add("phone_number_id", number.id()))
                        .add("statuses", statuses))));
        deliverEnvelope(wabaId, Jsonp.createObjectBuilder().add("object", "whatsapp_business_account")
                .add("entry", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder().add("id", wabaId).add("changes", changes)))
                .build());
    }

    /**
     * Meta's {@code pricing} of a status under per-message pricing: a marketing template is billed; a utility template
     * inside an open customer-service window and any answer in it are free.
     */
    static JsonObject pricing(String category, boolean customerWindowOpen) {
        boolean free = "service".equals(category) || "utility".equals(category) && customerWindowOpen;
        return Jsonp.createObjectBuilder().add("billable", !free).add("pricing_model", "PMP").add("category", category)
                .add("type", free ? "free_customer_service" : "regular").build();
    }

    private static JsonObject statusEntry(String wamid, String to, String referenceId, String status, JsonObject pricing,
                                          JsonObject error) {
        JsonObjectBuilder entry = Jsonp.createObjectBuilder().add("id", wamid).add("status", status)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("recipient_id", to);
        if (pricing != null) {
            entry.add("pricing", pricing);
        }
        if (referenceId != null) {
            entry.add("biz_opaque_callback_data", referenceId);
        }
        if (error != null) {
            entry.add("errors", Jsonp.createArrayBuilder().add(error));
        }
        return entry.build();
    }

    /** Posts one signed delivery of a change; answers the plugin's HTTP status (or 0 when it could not be reached). */
    int deliver(String wabaId, String field, JsonObject value) {
        return deliverEnvelope(wabaId, Jsonp.createObjectBuilder().add("object", "whatsapp_business_account")
                .add("entry", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder().add("id", wabaId)
                        .add("changes", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder()
                                .add("value", value).add("field", field)))))
                .build());
    }

    private int deliverEnvelope(String wabaId, JsonObject envelope) {
        byte[] body = asciiEscaped(envelope.toString()).getBytes(StandardCharsets.US_ASCII);
        URI target = callbackUrls.getOrDefault(wabaId, URI.create(publicAddress.of("/webhooks/whatsapp")));
        int status = post(target, body);
        if (!taken(status)) {
            retryLater(store.keepDelivery(target, body), target, body, 1);
        } else if (RANDOM.nextDouble() < duplicateRate) {
            post(target, body);
        }
        return status;
    }

    private static boolean taken(int status) {
        return status / 100 == 2;
    }

    /**
     * Tries a kept delivery again after 1, 2, 4 ... seconds, at most {@code retryMaxDelaySeconds} apart, and
     * forgets it once the plugin took it or after {@value #DELIVERY_ATTEMPTS} attempts, as Meta gives up.
     */
    private void retryLater(long deliveryId, URI target, byte[] body, int attempt) {
        if (attempt >= DELIVERY_ATTEMPTS) {
            store.forgetDelivery(deliveryId);
            return;
        }
        Duration delay = Duration.ofSeconds(Math.min(1L << Math.min(attempt - 1, 20), retryMaxDelaySeconds));
        timers.after(delay, () -> {
            if (taken(post(target, body))) {
                store.forgetDelivery(deliveryId);
            } else {
                retryLater(deliveryId, target, body, attempt + 1);
            }
        });
    }

    /** Goes on with the deliveries the plugin had not taken when the server stopped, as from their first retry. */
    public void resumePendingDeliveries() {
        store.pendingDeliveries().forEach(pending -> retryLater(pending.id(), pending.target(), pending.body(), 1));
    }

    private int post(URI target, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sign(secrets.appSecret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException unreachable) {
            return 0;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Meta escapes every non-ASCII character, so signatures must be checked on the bytes as sent. */
    static String asciiEscaped(String json) {
        StringBuilder escaped = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (c < 0x80) {
                escaped.append(c);
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }
}
