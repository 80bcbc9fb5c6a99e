package io.crmkit.whatsapp.application;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/** Token buckets for Meta's throughput limits, kept by the outbox and emulated by the sandbox. */
public final class RateLimits {
    private RateLimits() {
    }

    /** At most {@code rate} a second, refilled smoothly, with bursts up to one second's worth: Meta's limit. */
    public static Bucket perSecond(int rate) {
        return refilledSmoothly(rate, rate);
    }

    /**
     * A sender's pace: {@code rate} a second, refilled smoothly, with bursts of a tenth of a second's worth. A sender
     * that had a whole second's allowance in hand after a pause could spend it at once and put up to twice its rate
     * into one second.
     */
    public static Bucket pace(int rate) {
        return refilledSmoothly(rate, Math.max(1, rate / 10));
    }

    private static Bucket refilledSmoothly(int rate, int burst) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build();
    }
}
