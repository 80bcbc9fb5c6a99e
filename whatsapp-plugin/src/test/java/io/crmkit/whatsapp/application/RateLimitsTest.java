package io.crmkit.whatsapp.application;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The buckets on a clock that moves only when the test moves it: exact whatever the machine's speed. */
class RateLimitsTest {

    /** Time that stands still until {@link #pass} moves it. */
    private static final class StoppedClock implements TimeMeter {
        private long nanos = 1_000_000_000L;

        void pass(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final StoppedClock clock = new StoppedClock();

    @Test
    void aPaceBurstsNoMoreThanATenthOfASecondsWorth() {
        Bucket pace = RateLimits.pace(1_000, clock);

        assertTrue(pace.tryConsume(100), "a tenth of a second's worth at once");
        assertFalse(pace.tryConsume(1), "not more: a whole second's worth would double the rate in a second");
    }

    @Test
    void aPaceRefillsAtItsRate() {
        Bucket pace = RateLimits.pace(80, clock);
        assertTrue(pace.tryConsume(8));

        assertEquals(Duration.ofSeconds(1).dividedBy(80).toNanos(), pace.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        clock.pass(Duration.ofSeconds(1).dividedBy(80).minusNanos(1));
        assertFalse(pace.tryConsume(1), "a nanosecond early");
        clock.pass(Duration.ofNanos(1));
        assertTrue(pace.tryConsume(1), "one more after an eightieth of a second");
        assertFalse(pace.tryConsume(1));
    }

    @Test
    void aPaceThatRestedLongBurstsNoMoreThanAfterAShortRest() {
        Bucket pace = RateLimits.pace(1_000, clock);
        assertTrue(pace.tryConsume(100));

        clock.pass(Duration.ofMinutes(5));

        assertTrue(pace.tryConsume(100));
        assertFalse(pace.tryConsume(1), "a rest fills the bucket, not beyond it");
    }

    @Test
    void aSlowPaceStillSendsOneAtATime() {
        Bucket pace = RateLimits.pace(5, clock);

        assertTrue(pace.tryConsume(1));
        assertFalse(pace.tryConsume(1));
        clock.pass(Duration.ofMillis(200));
        assertTrue(pace.tryConsume(1), "the next after a fifth of a second");
    }

    @Test
    void metasLimitTakesAWholeSecondsWorthAtOnce() {
        Bucket limit = RateLimits.perSecond(1_000, clock);

        assertTrue(limit.tryConsume(1_000));
        assertFalse(limit.tryConsume(1));
        clock.pass(Duration.ofMillis(100));
        assertTrue(limit.tryConsume(100), "then a tenth of a second's worth a tenth of a second later");
        assertFalse(limit.tryConsume(1));
    }

    @Test
    void theSystemClocksBucketsKeepTheSameShape() {
        assertTrue(RateLimits.pace(1_000).tryConsume(100));
        assertFalse(RateLimits.pace(1_000).tryConsume(101), "a tenth of a second's worth, however fast the machine");
        assertFalse(RateLimits.perSecond(10).tryConsume(11));
    }
}
