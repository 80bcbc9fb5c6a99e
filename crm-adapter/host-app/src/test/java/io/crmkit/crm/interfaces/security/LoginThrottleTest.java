package io.crmkit.crm.interfaces.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void aFewMistakesCostNothing() {
        fail(LoginThrottle.FREE_FAILURES - 1, "hanako", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
    }

    @Test
    void thenEachFailureDoublesTheWaitUpToFifteenMinutes() {
        fail(LoginThrottle.FREE_FAILURES, "hanako", "10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        fail(3, "hanako", "10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(8)), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        fail(30, "hanako", "10.0.0.1");
        assertEquals(Optional.of(LoginThrottle.LONGEST_WAIT), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        now = now.plus(LoginThrottle.LONGEST_WAIT);
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
    }

    @Test
    void aGuessedUserIsThrottledFromEveryAddress() {
        fail(LoginThrottle.FREE_FAILURES, "Hanako", "10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBeforeNextAttempt("hanako ", "10.9.9.9"));
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("taro", "10.0.0.1"), "colleagues behind one address");
    }

    @Test
    void anAddressGuessingManyUsersIsThrottledForEveryUser() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBeforeNextAttempt("taro", "10.0.0.1"));
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("taro", "10.9.9.9"));
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        fail(LoginThrottle.FREE_FAILURES + 2, "hanako", "10.0.0.1");
        throttle.succeeded("hanako", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        fail(1, "hanako", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"), "counting starts afresh");
    }
}
