package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.meta.InboundMessage;
import io.crmkit.whatsapp.application.meta.MalformedPayloadException;
import io.crmkit.whatsapp.application.meta.MessageStatus;
import io.crmkit.whatsapp.application.webhook.IncomingEvent;
import io.crmkit.whatsapp.application.webhook.IncomingEvent.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Meta's webhook payloads, recorded, split into events and read into the plugin's records. */
class WebhookEnvelopeTest {

    private static JsonObject recorded(String name) {
        try (InputStream in = WebhookEnvelopeTest.class.getResourceAsStream("/payloads/" + name)) {
            return Json.createReader(in).readObject();
        } catch (java.io.IOException missing) {
            throw new IllegalStateException(missing);
        }
    }

    private final List<IncomingEvent> events = WebhookEnvelope.split(recorded("messages-batch.json"));

    private InboundMessage message(int index) {
        return MetaWebhookJson.message(events.get(index).payload().getJsonObject("message"));
    }

    @Test
    void everyMessageStatusAndTemplateUpdateOfABatchBecomesOneEvent() {
        assertEquals(List.of(Kind.MESSAGE, Kind.MESSAGE, Kind.MESSAGE, Kind.MESSAGE, Kind.MESSAGE, Kind.MESSAGE,
                Kind.MESSAGE, Kind.STATUS, Kind.TEMPLATE_STATUS), events.stream().map(IncomingEvent::kind).toList());
        assertEquals("106540352242922", events.get(0).routing(), "messages are routed by phone number id");
        assertEquals("102290129340398", events.get(8).routing(), "template updates by account");
        assertEquals(events.size(), events.stream().map(IncomingEvent::dedupeKey).distinct().count());
    }

    @Test
    void theEventTimeIsMetasTimestamp() {
        assertEquals(Instant.ofEpochSecond(1749416383), events.get(0).occurredAt());
        assertEquals(Optional.of("wamid.TEXT"), events.get(0).wamid());
        assertEquals("Sheena Nelson", events.get(0).payload().getJsonObject("contact").getJsonObject("profile").getString("name"));
    }

    @Test
    void eachKindIsReadIntoItsOwnRecord() {
        InboundMessage.Text text = assertInstanceOf(InboundMessage.Text.class, message(0));
        assertEquals("Does it come in another color?", text.body());
        assertEquals(Optional.of("16505551234"), text.envelope().from());

        InboundMessage.Media image = assertInstanceOf(InboundMessage.Media.class, message(1));
        assertEquals(InboundMessage.MediaKind.IMAGE, image.kind());
        assertEquals("1003383421387256", image.mediaId());
        assertEquals(Optional.of("This one"), image.caption());

        InboundMessage.Location location = assertInstanceOf(InboundMessage.Location.class, message(2));
        assertEquals(new BigDecimal("37.44216251868683"), location.latitude());

        InboundMessage.Reaction reaction = assertInstanceOf(InboundMessage.Reaction.class, message(3));
        assertEquals("wamid.OURS", reaction.reactedWamid());
        assertEquals(Optional.of("😀"), reaction.emoji());
        assertEquals(Optional.empty(), assertInstanceOf(InboundMessage.Reaction.class, message(4)).emoji(),
                "a reaction without emoji removes it");

        InboundMessage.Reply list = assertInstanceOf(InboundMessage.Reply.class, message(5));
        assertEquals(InboundMessage.ReplyKind.LIST, list.kind());
        assertEquals("Tomorrow", list.title());
        assertEquals(Optional.of("wamid.MENU"), list.envelope().context().orElseThrow().quotedWamid());
    }

    @Test
    void anUnknownKindIsKeptAsUnsupported() {
        InboundMessage.Unsupported unknown = assertInstanceOf(InboundMessage.Unsupported.class, message(6));
        assertEquals("hologram", unknown.type());
    }

    @Test
    void aFailedStatusCarriesMetasReasonAndOurReference() {
        MessageStatus status = MetaWebhookJson.status(events.get(7).payload().getJsonObject("status"));
        assertEquals(MessageStatus.State.FAILED, status.state());
        assertEquals(Optional.of("outbound-42"), status.referenceId());
        assertEquals(131047, status.error().orElseThrow().code());
        assertEquals(Optional.of("More than 24 hours have passed"), status.error().orElseThrow().details());
        assertEquals(MessageStatus.State.UNKNOWN, MessageStatus.State.fromWire("teleported"));
    }

    @Test
    void otherObjectsYieldNothingAndBrokenStructuresAreMalformed() {
        assertTrue(WebhookEnvelope.split(Json.createObjectBuilder().add("object", "page").build()).isEmpty());
        JsonObject entryNotAList = Json.createObjectBuilder().add("object", "whatsapp_business_account")
                .add("entry", "oops").build();
        assertThrows(MalformedPayloadException.class, () -> WebhookEnvelope.split(entryNotAList));
        JsonObject messageWithoutTimestamp = Json.createObjectBuilder().add("id", "wamid.X").add("type", "text").build();
        assertThrows(MalformedPayloadException.class, () -> MetaWebhookJson.message(messageWithoutTimestamp));
    }
}
