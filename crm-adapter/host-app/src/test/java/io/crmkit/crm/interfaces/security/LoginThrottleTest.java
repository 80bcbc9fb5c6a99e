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
    void thenEachFailureOfThePairDoublesTheWaitUpToFifteenMinutes() {
        fail(LoginThrottle.FREE_FAILURES, "hanako", "10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        fail(3, "hanako", "10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(8)), throttle.waitBeforeNextAttempt("Hanako ", "10.0.0.1"));
        fail(30, "hanako", "10.0.0.1");
        assertEquals(Optional.of(LoginThrottle.LONGEST_WAIT), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        now = now.plus(LoginThrottle.LONGEST_WAIT);
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
    }

    @Test
    void someoneGuessingAUsersPasswordDoesNotLockTheUserOutOfAnotherAddress() {
        fail(40, "admin", "203.0.113.9");
        assertEquals(Optional.of(LoginThrottle.LONGEST_WAIT), throttle.waitBeforeNextAttempt("admin", "203.0.113.9"));
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("admin", "198.51.100.7"), "the administrator's own desk");
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
    void guessingOneUserFromManyAddressesIsSlowedNeverLockedAndSparesAddressesWithoutFailures() {
        for (int i = 0; i < LoginThrottle.USER_CEILING; i++) {
            throttle.failed("admin", "203.0.113." + i);
        }
        assertEquals(Optional.of(LoginThrottle.USER_PACE), throttle.waitBeforeNextAttempt("admin", "203.0.113.1"),
                "an address that guessed before waits the user's pace");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("admin", "198.51.100.7"), "a clean address goes ahead");
        fail(1000, "admin", "203.0.113.200");
        now = now.plus(LoginThrottle.USER_PACE);
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("admin", "203.0.113.2"),
                "however many failures, the user's pace never grows");
    }

    @Test
    void aSuccessClearsItsOwnPairNotTheSharedAddress() {
        fail(LoginThrottle.FREE_FAILURES + 2, "hanako", "10.0.0.1");
        throttle.succeeded("hanako", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"), "the pair starts afresh");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("guess" + i, "10.0.0.1");
        }
        int addressFailures = LoginThrottle.FREE_FAILURES + 2 + LoginThrottle.FREE_FAILURES_PER_ADDRESS;
        Duration addressWait = Duration.ofSeconds(1L << (addressFailures - LoginThrottle.FREE_FAILURES_PER_ADDRESS));
        throttle.succeeded("mallory", "10.0.0.1");
        assertEquals(Optional.of(addressWait), throttle.waitBeforeNextAttempt("taro", "10.0.0.1"),
                "a login of the guesser's own account does not wipe out the address's guesses");
    }

    @Test
    void countsAreForgottenAnHourAfterTheLastFailure() {
        fail(LoginThrottle.FREE_FAILURES + 3, "hanako", "10.0.0.1");
        now = now.plus(LoginThrottle.FORGET_AFTER);
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"));
        fail(1, "hanako", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("hanako", "10.0.0.1"), "counting starts afresh");
    }
}
