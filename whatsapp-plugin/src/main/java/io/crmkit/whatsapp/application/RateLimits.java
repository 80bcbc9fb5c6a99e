package io.crmkit.whatsapp.application;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;

/**
 * Token buckets for Meta's throughput limits, kept by the outbox and emulated by the sandbox. Each comes on the
 * system clock, or on a {@link TimeMeter} of the caller's, whose time only moves when the caller moves it.
 */
public final class RateLimits {
    private RateLimits() {
    }

    /** At most {@code rate} a second, refilled smoothly, with bursts up to one second's worth: Meta's limit. */
    public static Bucket perSecond(int rate) {
        return perSecond(rate, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** As {@link #perSecond(int)}, refilled as {@code time} passes. */
    public static Bucket perSecond(int rate, TimeMeter time) {
        return refilledSmoothly(rate, rate, time);
    }

    /**
     * A sender's pace: {@code rate} a second, refilled smoothly, with bursts of a tenth of a second's worth. A sender
     * that had a whole second's allowance in hand after a pause could spend it at once and put up to twice its rate
     * into one second.
     */
    public static Bucket pace(int rate) {
        return pace(rate, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** As {@link #pace(int)}, refilled as {@code time} passes. */
    public static Bucket pace(int rate, TimeMeter time) {
        return refilledSmoothly(rate, Math.max(1, rate / 10), time);
    }

    private static Bucket refilledSmoothly(int rate, int burst, TimeMeter time) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time).build();
    }
}
