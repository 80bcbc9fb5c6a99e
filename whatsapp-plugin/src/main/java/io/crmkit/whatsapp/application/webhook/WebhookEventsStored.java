package io.crmkit.whatsapp.application.webhook;

/** New webhook events were committed and wait for processing. */
public record WebhookEventsStored(int count) {
}
