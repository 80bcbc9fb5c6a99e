package io.crmkit.whatsapp.application.webhook;

import java.util.List;
import java.util.Map;

/** Where accepted webhook events are stored before the delivery is acknowledged; joins the caller's transaction. */
public interface WebhookEventStore {

    /** Where events of a number or account go. */
    record ChannelRoute(long channelId, long organisationId) {
    }

    record RoutedEvent(ChannelRoute route, IncomingEvent event) {
    }

    /** The routes of the numbers that are connected here, by phone number id. */
    Map<String, ChannelRoute> routesByPhoneNumberId(List<String> phoneNumberIds);

    /** The first connected channel of each account, for account-wide events such as template updates. */
    Map<String, ChannelRoute> routesByWabaId(List<String> wabaIds);

    /** Stores the events not stored before (the same event delivered twice is stored once); answers how many were new. */
    int saveNew(List<RoutedEvent> events);
}
