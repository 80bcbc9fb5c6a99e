package io.crmkit.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what the application does after it answered: processing, dispatch, status webhooks. */
public final class Eventually {
    private Eventually() {
    }

    /** Returns as soon as the condition holds; fails naming {@code what} when it does not within the time. */
    public static void eventually(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        eventually(what, seconds, Duration.ofMillis(50), condition);
    }

    /**
     * As {@link #eventually(String, int, BooleanSupplier)}, asking every {@code interval}: a benchmark asks seldom, so
     * that its own queries do not take the database's time from what it measures.
     */
    public static void eventually(String what, int seconds, Duration interval, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
