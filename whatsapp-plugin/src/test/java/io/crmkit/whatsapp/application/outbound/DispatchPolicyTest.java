package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.application.meta.MetaError;
import io.crmkit.whatsapp.application.meta.MetaErrors;
import io.crmkit.whatsapp.application.outbound.DispatchPolicy.Decision;
import io.crmkit.whatsapp.application.outbound.DispatchPolicy.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error class of whatsapp-cloud-api.md ("Errors") and what it does to a message. */
class DispatchPolicyTest {
    private static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    private final DispatchPolicy policy = new DispatchPolicy(FIRST_DELAY, 6);

    private static Outcome refused(int httpStatus, int code) {
        return new Outcome.Refused(MetaErrors.classify(new MetaError(httpStatus, code, Optional.empty(), "OAuthException",
                "Meta's words for " + code, Optional.empty(), Optional.of("trace"))));
    }

    @Test
    void metaIdMarksTheMessageSent() {
        assertEquals(new Decision.MarkSent("wamid.1"), policy.afterSend(new Outcome.Accepted("wamid.1"), 1));
    }

    @ParameterizedTest(name = "code {1} (HTTP {0}) fails the message and asks for re-authorisation")
    @CsvSource({"401,190", "401,0", "403,10", "403,200", "403,299"})
    void refusedTokenFailsAndMarksTheNumber(int httpStatus, int code) {
        Decision decision = policy.afterSend(refused(httpStatus, code), 1);
        Decision.FailAndReauthorise refused = assertInstanceOf(Decision.FailAndReauthorise.class, decision);
        assertEquals(code, refused.code());
        assertTrue(refused.reason().contains("re-authorise"), refused.reason());
    }

    @ParameterizedTest(name = "code {1} (HTTP {0}) is passing: queued again after a doubling delay")
    @CsvSource({"400,4", "400,80007", "400,130429", "500,131000", "500,131016", "500,131057", "500,1", "500,2"})
    void passingErrorsQueueAgainWithGrowingDelays(int httpStatus, int code) {
        assertEquals(new Decision.Requeue(FIRST_DELAY), policy.afterSend(refused(httpStatus, code), 1));
        assertEquals(new Decision.Requeue(FIRST_DELAY.multipliedBy(2)), policy.afterSend(refused(httpStatus, code), 2));
        assertEquals(new Decision.Requeue(FIRST_DELAY.multipliedBy(16)), policy.afterSend(refused(httpStatus, code), 5));
    }

    @Test
    void passingErrorsFailWithMetasWordsAtTheLastAttempt() {
        Decision decision = policy.afterSend(refused(400, 130429), 6);
        assertEquals(new Decision.Fail(Optional.of(130429), "(#130429) Meta's words for 130429"), decision);
    }

    @Test
    void pairLimitHoldsTheConversation() {
        Decision.HoldForPairLimit hold = assertInstanceOf(Decision.HoldForPairLimit.class,
                policy.afterSend(refused(400, DispatchPolicy.PAIR_LIMIT), 1));
        assertTrue(hold.reason().startsWith("(#131056) Meta's words"), hold.reason());
    }

    @ParameterizedTest(name = "code {0} fails the message with Meta's code and words")
    @CsvSource({"131048", "131049", "131047", "131026", "131050", "131051", "131052", "131053", "132000", "132001",
            "132005", "132007", "132012", "132015", "132016", "100"})
    void refusalsFailWithMetasCodeAndWords(int code) {
        assertEquals(new Decision.Fail(Optional.of(code), "(#" + code + ") Meta's words for " + code),
                policy.afterSend(refused(400, code), 1));
    }

    @Test
    void noAnswerWaitsForTheStatusInsteadOfSendingAgain() {
        assertInstanceOf(Decision.AwaitStatus.class, policy.afterSend(new Outcome.NoAnswer(), 1));
        Outcome droppedConnection = new Outcome.Refused(MetaErrors.classify(MetaError.network("connection reset")));
        assertInstanceOf(Decision.AwaitStatus.class, policy.afterSend(droppedConnection, 1));
    }

    @Test
    void aCallThatWasNotMadeIsQueuedAgainWithoutCountingAnAttempt() {
        assertEquals(new Decision.Postpone(FIRST_DELAY), policy.afterSend(new Outcome.NotCalled(), 6));
    }

    @Test
    void anUploadedFileIsSentWithMetasMediaId() {
        assertEquals(new Decision.SendWithFile("media-7"), policy.afterUpload(new Outcome.Accepted("media-7"), 1));
    }

    @Test
    void anUploadWithoutAnswerIsTriedAgainAsNothingReachedTheCustomer() {
        assertEquals(new Decision.Requeue(FIRST_DELAY), policy.afterUpload(new Outcome.NoAnswer(), 1));
        assertEquals(new Decision.Requeue(FIRST_DELAY), policy.afterUpload(
                new Outcome.Refused(MetaErrors.classify(MetaError.network("connection reset"))), 1));
        assertInstanceOf(Decision.Fail.class, policy.afterUpload(new Outcome.NoAnswer(), 6));
    }

    @Test
    void aRefusedUploadFailsSayingItWasTheFile() {
        Decision.Fail fail = assertInstanceOf(Decision.Fail.class, policy.afterUpload(refused(400, 131053), 1));
        assertEquals(Optional.of(131053), fail.code());
        assertTrue(fail.reason().startsWith("the file could not be uploaded to WhatsApp"), fail.reason());
        assertInstanceOf(Decision.FailAndReauthorise.class, policy.afterUpload(refused(401, 190), 1));
    }
}
