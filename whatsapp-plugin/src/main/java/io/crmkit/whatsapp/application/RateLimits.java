package io.crmkit.whatsapp.application;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/** Token buckets for Meta's throughput limits, kept by the outbox and emulated by the sandbox. */
public final class RateLimits {
    private RateLimits() {
    }

    /** At most {@code rate} a second, refilled smoothly, with bursts up to one second's worth. */
    public static Bucket perSecond(int rate) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build();
    }
}
