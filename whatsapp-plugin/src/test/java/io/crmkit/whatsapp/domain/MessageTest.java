package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageTest {
    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    private static Message answer() {
        return Message.queued(1, 2, "text", Optional.of("Hello"), MessageDetails.NONE, Optional.empty(), 3, NOON);
    }

    @Test
    void thePairLimitHoldsTheMessageBackForFourToTheNUnitsThenGivesUp() {
        Message message = answer();
        List<Duration> waits = new ArrayList<>();
        while (message.holdForPairLimit(NOON, Duration.ofSeconds(1), 4)) {
            waits.add(Duration.between(NOON, message.dispatchAfter()));
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(16), Duration.ofSeconds(64)), waits);
        assertEquals(DeliveryStatus.QUEUED, message.status(), "giving up is the dispatcher's decision, with Meta's words");
    }

    @Test
    void aUserRetryStartsThePairLimitScheduleAgainUnderANewReference() {
        Message message = answer();
        String firstReference = message.referenceId().orElseThrow();
        message.holdForPairLimit(NOON, Duration.ofSeconds(1), 6);
        message.holdForPairLimit(NOON, Duration.ofSeconds(1), 6);
        message.fail(Optional.of(131056), "(#131056) Pair rate limit hit", NOON);
        message.retry(NOON.plusSeconds(60));
        assertTrue(message.holdForPairLimit(NOON.plusSeconds(60), Duration.ofSeconds(1), 6));
        assertEquals(NOON.plusSeconds(61), message.dispatchAfter());
        assertFalse(firstReference.equals(message.referenceId().orElseThrow()));
    }

    @Test
    void aMessagePostponedBeforeMetaWasCalledWaitsItsTurnStillQueued() {
        Message message = answer();
        message.postponeUnsent(NOON.plusMillis(1_050));
        assertEquals(DeliveryStatus.QUEUED, message.status());
        assertEquals(NOON.plusMillis(1_050), message.dispatchAfter());
        assertEquals(0, message.sendAttempts(), "an attempt is a call to Meta; none was made, and none is owed");
    }

    @Test
    void aMessageGivenUpAsOutcomeUnknownIsSentAfterAllWhenMetasLateAnswerComes() {
        Message message = answer();
        message.giveUpAsOutcomeUnknown(NOON.plusSeconds(120));
        assertEquals(DeliveryStatus.FAILED, message.status());
        assertTrue(message.outcomeUnknown());
        assertTrue(message.errorCode().isEmpty());

        message.acceptedAs("wamid.late", NOON.plusSeconds(130));
        assertEquals(DeliveryStatus.SENT, message.status());
        assertFalse(message.outcomeUnknown());
        assertTrue(message.errorDetail().isEmpty());
    }

    @Test
    void aMessageMetaRefusedStaysFailedWhateverArrivesLater() {
        Message message = answer();
        message.fail(Optional.empty(), "the file upload to WhatsApp did not finish", NOON.plusSeconds(5));
        assertFalse(message.outcomeUnknown());

        message.acceptedAs("wamid.other", NOON.plusSeconds(10));
        assertEquals(DeliveryStatus.FAILED, message.status());
    }
}
