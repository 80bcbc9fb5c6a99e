package io.crmkit.crm.interfaces.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down: after {@value #FREE_FAILURES} failed logins in a row for a user name, or
 * {@value #FREE_FAILURES_PER_ADDRESS} from one client address (where colleagues behind one router may all
 * mistype), each next attempt must wait, one second after the first wait and twice as long after each
 * further failure, up to {@link #LONGEST_WAIT}. A successful login clears the user's and the address's count.
 * Counts are kept per node, in memory.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Above this many remembered names and addresses, those whose wait is over are forgotten. */
    private static final int REMEMBERED = 50_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant waitUntil) {
        Failures next(Instant now, int free) {
            int count = this.count + 1;
            if (count < free) {
                return new Failures(count, now);
            }
            long seconds = 1L << Math.min(count - free, 30);
            return new Failures(count, now.plus(Duration.ofSeconds(seconds).compareTo(LONGEST_WAIT) > 0
                    ? LONGEST_WAIT : Duration.ofSeconds(seconds)));
        }
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the next attempt for this user name from this address must wait; empty when it may go ahead. */
    public Optional<Duration> waitBeforeNextAttempt(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(waitUntil(user(username)), waitUntil(address(address)));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > REMEMBERED) {
            failures.values().removeIf(f -> !f.waitUntil().isAfter(now));
        }
        failures.merge(user(username), new Failures(0, now).next(now, FREE_FAILURES),
                (before, ignored) -> before.next(now, FREE_FAILURES));
        failures.merge(address(address), new Failures(0, now).next(now, FREE_FAILURES_PER_ADDRESS),
                (before, ignored) -> before.next(now, FREE_FAILURES_PER_ADDRESS));
    }

    public void succeeded(String username, String address) {
        failures.remove(user(username));
        failures.remove(address(address));
    }

    private Instant waitUntil(String key) {
        Failures known = failures.get(key);
        return known == null ? Instant.MIN : known.waitUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String user(String username) {
        return "user:" + username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String address(String address) {
        return "address:" + address;
    }
}
