package io.crmkit.it.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The random choices of a test, drawn from a seed that its failure names, so that a failed run's choices can be
 * made again. A test class registers it as {@code @RegisterExtension final Seeds seeds = new Seeds();} and draws
 * every choice from {@link #random()}. Each test gets a fresh seed, or the one given as {@code -Dtest.seed=...};
 * a failing assertion's message ends with the seed, and any other failure carries it as a suppressed note.
 */
public final class Seeds implements BeforeEachCallback, TestExecutionExceptionHandler {
    /** The system property that repeats a run's choices. */
    public static final String PROPERTY = "test.seed";

    private long seed;
    private Random random;

    @Override
    public void beforeEach(ExtensionContext context) {
        String given = System.getProperty(PROPERTY, "").strip();
        seed = given.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(given);
        random = new Random(seed);
    }

    /** The current test's choices; only valid while a test runs. */
    public Random random() {
        if (random == null) {
            throw new IllegalStateException("choices are drawn while a test runs");
        }
        return random;
    }

    /** A customer's mobile number in Japan, as WhatsApp writes it: {@code 8190} and eight digits, without a plus. */
    public String japaneseMobile() {
        return "8190" + (10_000_000 + random().nextInt(89_999_999));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String note = "random choices from seed " + seed + ": repeat them with -D" + PROPERTY + "=" + seed;
        if (failure instanceof AssertionFailedError failed) {
            String message = withNote(failed.getMessage(), note);
            AssertionFailedError named = failed.isExpectedDefined() || failed.isActualDefined()
                    ? new AssertionFailedError(message, failed.getExpected() == null ? null : failed.getExpected().getValue(),
                    failed.getActual() == null ? null : failed.getActual().getValue(), failed.getCause())
                    : new AssertionFailedError(message, failed.getCause());
            named.setStackTrace(failed.getStackTrace());
            throw named;
        }
        if (failure instanceof AssertionError failed) {
            AssertionError named = new AssertionError(withNote(failed.getMessage(), note), failed.getCause());
            named.setStackTrace(failed.getStackTrace());
            throw named;
        }
        failure.addSuppressed(new SeedNote(note));
        throw failure;
    }

    private static String withNote(String message, String note) {
        return message == null || message.isBlank() ? "(" + note + ")" : message + " (" + note + ")";
    }

    /** Names the seed beside a failure that is not an assertion's. */
    private static final class SeedNote extends Exception {
        SeedNote(String note) {
            super(note, null, false, false);
        }
    }
}
