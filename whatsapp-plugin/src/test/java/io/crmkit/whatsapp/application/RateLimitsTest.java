package io.crmkit.whatsapp.application;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {

    @Test
    void aPaceBurstsNoMoreThanATenthOfASecondsWorth() {
        Bucket pace = RateLimits.pace(1_000);

        assertTrue(pace.tryConsume(100), "a tenth of a second's worth at once");
        assertFalse(pace.tryConsume(50), "not more: a whole second's worth would double the rate in a second");
    }

    @Test
    void aPaceRefillsAtItsRate() {
        Bucket pace = RateLimits.pace(80);
        assertTrue(pace.tryConsume(8));

        long nanosForTheNext = pace.estimateAbilityToConsume(1).getNanosToWaitForRefill();

        assertEquals(Duration.ofMillis(1_000 / 80).toNanos(), nanosForTheNext, Duration.ofMillis(1).toNanos());
    }

    @Test
    void aSlowPaceStillSendsOneAtATime() {
        assertTrue(RateLimits.pace(5).tryConsume(1));
    }

    @Test
    void metasLimitTakesAWholeSecondsWorthAtOnce() {
        Bucket limit = RateLimits.perSecond(1_000);

        assertTrue(limit.tryConsume(1_000));
        assertFalse(limit.tryConsume(100), "then a tenth of a second's worth a tenth of a second later");
    }
}
