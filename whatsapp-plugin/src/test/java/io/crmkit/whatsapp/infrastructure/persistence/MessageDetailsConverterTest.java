package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.MessageDetails.ButtonReply;
import io.crmkit.whatsapp.domain.MessageDetails.Card;
import io.crmkit.whatsapp.domain.MessageDetails.ContactCards;
import io.crmkit.whatsapp.domain.MessageDetails.File;
import io.crmkit.whatsapp.domain.MessageDetails.NumberChange;
import io.crmkit.whatsapp.domain.MessageDetails.Place;
import io.crmkit.whatsapp.domain.MessageDetails.Quote;
import io.crmkit.whatsapp.domain.MessageDetails.ReactionTo;
import io.crmkit.whatsapp.domain.MessageDetails.Unsupported;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageDetailsConverterTest {
    private final MessageDetailsConverter converter = new MessageDetailsConverter();

    private MessageDetails roundTrip(MessageDetails details) {
        return converter.convertToEntityAttribute(converter.convertToDatabaseColumn(details));
    }

    @Test
    void everyKindOfContentIsReadBackAsWritten() {
        Optional<Quote> quote = Optional.of(new Quote(Optional.of("wamid.Q"), true));
        List<MessageDetails> all = List.of(
                MessageDetails.NONE,
                new MessageDetails(quote, Optional.of("❤"), Optional.empty()),
                MessageDetails.of(quote, new File(Optional.of("請求書 2026.pdf"), Optional.of("m1"),
                        Optional.of("application/pdf"), Optional.of("abc="))),
                MessageDetails.of(Optional.empty(), File.named("photo.jpg")),
                MessageDetails.of(Optional.empty(), new Place(new BigDecimal("35.6812"), new BigDecimal("139.7671"),
                        Optional.of("東京駅"), Optional.empty())),
                MessageDetails.of(Optional.empty(), new ContactCards(List.of(new Card("أحمد", List.of("+971501234567"))))),
                MessageDetails.of(Optional.empty(), new ButtonReply("yes-1", "BUTTON")),
                MessageDetails.of(Optional.empty(), new NumberChange(Optional.empty())),
                MessageDetails.of(Optional.empty(), new ReactionTo("wamid.X", Optional.of("👍"))),
                MessageDetails.of(Optional.empty(), new Unsupported("order")));
        for (MessageDetails details : all) {
            assertEquals(details, roundTrip(details));
        }
    }

    @Test
    void rowsWrittenBeforeKindsWereStoredAreReadByTheirFields() {
        assertEquals(MessageDetails.of(Optional.of(new Quote(Optional.of("wamid.A"), false)),
                        new File(Optional.empty(), Optional.of("m9"), Optional.of("image/jpeg"), Optional.empty())),
                converter.convertToEntityAttribute("""
                        {"context":{"forwarded":false,"wamid":"wamid.A"},"mediaId":"m9","mimeType":"image/jpeg"}"""));
        assertEquals(new MessageDetails(Optional.empty(), Optional.of("❤"),
                        Optional.of(new Place(new BigDecimal("1.5"), new BigDecimal("2.5"), Optional.empty(), Optional.empty()))),
                converter.convertToEntityAttribute("{\"latitude\":1.5,\"longitude\":2.5,\"reaction\":\"❤\"}"));
        assertEquals(MessageDetails.NONE, converter.convertToEntityAttribute("{}"));
        assertEquals(MessageDetails.NONE, converter.convertToEntityAttribute(null));
    }
}
