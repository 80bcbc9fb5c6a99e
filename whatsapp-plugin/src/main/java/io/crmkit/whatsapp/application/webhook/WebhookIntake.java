package io.crmkit.whatsapp.application.webhook;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.meta.MalformedPayloadException;
import io.crmkit.whatsapp.application.meta.WebhookPayloads;
import io.crmkit.whatsapp.application.webhook.WebhookEventStore.ChannelRoute;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Accepts a webhook delivery: checks the signature over the raw bytes, splits the batch into events,
 * routes them to connected channels and stores each exactly once, all in one transaction that commits
 * before the caller acknowledges. Nothing is stored for a delivery that is refused.
 */
@ApplicationScoped
public class WebhookIntake {
    public static final int MAX_BYTES = 3 * 1024 * 1024;

    @Inject
    AppSecrets secrets;
    @Inject
    WebhookPayloads payloads;
    @Inject
    WebhookEventStore store;
    @Inject
    jakarta.enterprise.event.Event<WebhookEventsStored> stored;

    /**
     * What a delivery brought.
     *
     * @param ignored events for numbers that are not connected here
     */
    public record Outcome(int stored, int duplicates, int ignored) {
    }

    @Transactional
    public Outcome accept(byte[] body, String signatureHeader) {
        if (!WebhookSignature.matches(secrets.appSecret(), body, signatureHeader)) {
            throw new Refusal(ProblemCode.INVALID_SIGNATURE, RefusalText.SIGNATURE_MISMATCH);
        }
        List<IncomingEvent> events;
        try {
            events = payloads.split(parse(body));
        } catch (MalformedPayloadException malformed) {
            throw new Refusal(ProblemCode.MALFORMED_PAYLOAD, RefusalText.WEBHOOK_MALFORMED, malformed.getMessage());
        }
        Map<Boolean, List<IncomingEvent>> byRouting = events.stream()
                .collect(Collectors.partitioningBy(e -> e.kind().routedByAccount()));
        Map<String, ChannelRoute> numbers = store.routesByPhoneNumberId(routes(byRouting.get(false)));
        Map<String, ChannelRoute> accounts = store.routesByWabaId(routes(byRouting.get(true)));

        List<WebhookEventStore.RoutedEvent> routed = new ArrayList<>();
        for (IncomingEvent event : events) {
            Optional.ofNullable((event.kind().routedByAccount() ? accounts : numbers).get(event.routing()))
                    .ifPresent(route -> routed.add(new WebhookEventStore.RoutedEvent(route, event)));
        }
        int saved = store.saveNew(routed);
        if (saved > 0) {
            stored.fire(new WebhookEventsStored(saved));
        }
        return new Outcome(saved, routed.size() - saved, events.size() - routed.size());
    }

    private static List<String> routes(List<IncomingEvent> events) {
        return events.stream().map(IncomingEvent::routing).distinct().toList();
    }

    private static final byte[] ESCAPED_NUL = "\\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether the body writes U+0000, which JSON can only do as an escape. */
    private static boolean mayHoldNul(byte[] body) {
        outer:
        for (int i = 0; i <= body.length - ESCAPED_NUL.length; i++) {
            for (int j = 0; j < ESCAPED_NUL.length; j++) {
                if (body[i + j] != ESCAPED_NUL[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The same JSON with each U+0000 in its strings replaced by U+FFFD: PostgreSQL's {@code text} and
     * {@code jsonb} cannot hold U+0000, and a customer's text with one must still be stored.
     */
    private static JsonValue withoutNul(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> Jsonp.createValue(((jakarta.json.JsonString) value).getString().replace('\u0000', '\uFFFD'));
            case OBJECT -> {
                var object = Jsonp.createObjectBuilder();
                value.asJsonObject().forEach((name, member) ->
                        object.add(name.replace('\u0000', '\uFFFD'), withoutNul(member)));
                yield object.build();
            }
            case ARRAY -> {
                var array = Jsonp.createArrayBuilder();
                value.asJsonArray().forEach(element -> array.add(withoutNul(element)));
                yield array.build();
            }
            default -> value;
        };
    }

    private static JsonObject parse(byte[] body) {
        if (JsonNesting.deeperThan(body, JsonNesting.MAX_DEPTH)) {
            throw new Refusal(ProblemCode.MALFORMED_PAYLOAD, RefusalText.WEBHOOK_TOO_DEEP, JsonNesting.MAX_DEPTH);
        }
        try {
            JsonValue value = Jsonp.createReader(new ByteArrayInputStream(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Refusal(ProblemCode.MALFORMED_PAYLOAD, RefusalText.WEBHOOK_NOT_AN_OBJECT);
            }
            return mayHoldNul(body) ? withoutNul(value).asJsonObject() : value.asJsonObject();
        } catch (JsonException | IllegalStateException notJson) {
            throw new Refusal(ProblemCode.MALFORMED_PAYLOAD, RefusalText.WEBHOOK_NOT_JSON);
        }
    }
}
