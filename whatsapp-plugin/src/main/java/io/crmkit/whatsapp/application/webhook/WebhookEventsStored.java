package io.crmkit.whatsapp.application.webhook;

/** Webhook events were committed, new or given back to processing by an administrator, and wait for the drain. */
public record WebhookEventsStored(int count) {
}
