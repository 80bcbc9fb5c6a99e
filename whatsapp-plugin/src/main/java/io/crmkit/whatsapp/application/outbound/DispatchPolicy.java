package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.application.meta.MetaApiException;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.meta.PermanentMetaException;
import io.crmkit.whatsapp.application.meta.TransientMetaException;

import java.time.Duration;
import java.util.Optional;

/**
 * What the answer to a call to Meta means for a queued message, decided without touching anything
 * (whatsapp-cloud-api.md, "Errors"):
 * <ul>
 *   <li>Meta's id → sent;</li>
 *   <li>a passing error (rate limits, Meta's own trouble) → Meta certainly did not take it: queued again after a
 *       delay that doubles with each attempt, failed with Meta's words after {@code maxAttempts};</li>
 *   <li>the pair limit (131056) → the conversation waits 4^n units;</li>
 *   <li>a refusal → failed with Meta's code and words; a refused token also marks the number for
 *       re-authorisation;</li>
 *   <li>no answer (timeout, dropped connection) to a send → Meta may have the message: its status webhooks,
 *       which carry the message's reference, settle it, never a second copy;</li>
 *   <li>the call was not made (circuit open, too many calls at once) → queued again after the first delay, not
 *       counted as an attempt.</li>
 * </ul>
 * An upload never reaches the customer, so any failure of it is safe to try again.
 *
 * @param retryDelay  the first delay after a passing error
 * @param maxAttempts the attempts after which a passing error fails the message
 */
public record DispatchPolicy(Duration retryDelay, int maxAttempts) {
    /** Meta's pair rate limit: too many messages to the same customer in a short time. */
    public static final int PAIR_LIMIT = 131056;

    /** How a call to Meta ended. */
    public sealed interface Outcome {
        /** Meta took it, under this id (a message's wamid, or an uploaded file's media id). */
        record Accepted(String id) implements Outcome {
        }

        /** Meta answered with an error, or the connection failed (then {@code httpStatus} is 0). */
        record Refused(MetaApiException error) implements Outcome {
        }

        /** The call was not made: the circuit breaker is open or too many calls run at once. */
        record NotCalled() implements Outcome {
        }

        /** The call was made but no answer came in time. */
        record NoAnswer() implements Outcome {
        }
    }

    /** What to do with the message. */
    public sealed interface Decision {
        /** Meta took the message under this id. */
        record MarkSent(String wamid) implements Decision {
        }

        /** The file is at Meta under this id: send the message with it. */
        record SendWithFile(String mediaId) implements Decision {
        }

        /** Meta certainly did not take it: try again after {@code delay}. */
        record Requeue(Duration delay) implements Decision {
        }

        /** Meta was not called: try again after {@code delay}, which does not count as an attempt. */
        record Postpone(Duration delay) implements Decision {
        }

        /** Meta's pair limit: the conversation waits; when it waited long enough already, fail with {@code reason}. */
        record HoldForPairLimit(String reason) implements Decision {
        }

        /** Meta may have it: wait for its status webhooks. */
        record AwaitStatus() implements Decision {
        }

        /** It cannot be sent: the user sees why and may retry. */
        record Fail(Optional<Integer> code, String reason) implements Decision {
        }

        /** Meta refused the number's token: fail, and the number needs re-authorisation. */
        record FailAndReauthorise(int code, String reason) implements Decision {
        }
    }

    /**
     * After a send call.
     *
     * @param attempts the sends tried so far, this one included
     */
    public Decision afterSend(Outcome outcome, int attempts) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return new Decision.MarkSent(accepted.id());
        }
        if (outcome instanceof Outcome.NotCalled) {
            return new Decision.Postpone(retryDelay);
        }
        if (outcome instanceof Outcome.NoAnswer) {
            return new Decision.AwaitStatus();
        }
        return afterRefusedSend(((Outcome.Refused) outcome).error(), attempts);
    }

    private Decision afterRefusedSend(MetaApiException error, int attempts) {
        if (error instanceof MetaAuthorizationException) {
            return reauthorise(error);
        }
        if (error instanceof TransientMetaException) {
            if (error.error().code() == PAIR_LIMIT) {
                return new Decision.HoldForPairLimit(error.error().describe()
                        + " — WhatsApp limits how often one customer can be messaged; send it again later");
            }
            if (error.error().httpStatus() == 0) {
                return new Decision.AwaitStatus();
            }
            return requeueOrFail(Optional.of(error.error().code()), error.error().describe(), attempts);
        }
        return new Decision.Fail(Optional.of(error.error().code()), error.error().describe());
    }

    /**
     * After the upload of a message's file.
     *
     * @param attempts the sends tried so far, this one included
     */
    public Decision afterUpload(Outcome outcome, int attempts) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return new Decision.SendWithFile(accepted.id());
        }
        if (outcome instanceof Outcome.NotCalled) {
            return requeueOrFail(Optional.empty(), "the file upload to WhatsApp did not start", attempts);
        }
        if (outcome instanceof Outcome.NoAnswer) {
            return requeueOrFail(Optional.empty(), "the file upload to WhatsApp did not finish", attempts);
        }
        MetaApiException error = ((Outcome.Refused) outcome).error();
        if (error instanceof MetaAuthorizationException) {
            return reauthorise(error);
        }
        if (error instanceof PermanentMetaException) {
            return new Decision.Fail(Optional.of(error.error().code()),
                    "the file could not be uploaded to WhatsApp: " + error.error().describe());
        }
        return requeueOrFail(Optional.of(error.error().code()), error.error().describe(), attempts);
    }

    private Decision requeueOrFail(Optional<Integer> code, String reason, int attempts) {
        if (attempts >= maxAttempts) {
            return new Decision.Fail(code, reason);
        }
        return new Decision.Requeue(retryDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 8)));
    }

    private static Decision reauthorise(MetaApiException refused) {
        return new Decision.FailAndReauthorise(refused.error().code(), refused.error().describe()
                + " — an administrator must re-authorise the number");
    }
}
