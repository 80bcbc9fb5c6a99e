package io.crmkit.crm.interfaces.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down without letting anyone lock a user out.
 *
 * <ul>
 *   <li>Per user name and client address: after {@value #FREE_FAILURES} failures of the pair, each next attempt of
 *       the pair waits, one second after the first wait and twice as long after each further failure, up to
 *       {@link #LONGEST_WAIT}.</li>
 *   <li>Per client address, whatever the user name: the same after {@value #FREE_FAILURES_PER_ADDRESS} failures
 *       (colleagues behind one router may all mistype; behind a reverse proxy the address is the client's only when
 *       the proxy is trusted, see {@link TrustedProxies}).</li>
 *   <li>Per user name, from every address: past {@value #USER_CEILING} failures, guessing from many addresses is
 *       slowed to one attempt per {@link #USER_PACE} from each address that has failed before; an address without
 *       failures is never held back by it. A user name can thus be slowed, never locked.</li>
 * </ul>
 *
 * A successful login clears its pair's count only: a success from a shared address does not wipe out what others
 * guessed from it. A count is forgotten {@link #FORGET_AFTER} after its last failure. Counts are kept per node, in
 * memory.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final int USER_CEILING = 50;
    static final Duration USER_PACE = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Above this many remembered pairs, names and addresses, those whose wait is over are forgotten. */
    private static final int REMEMBERED = 100_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** A run of failures: how many, the last one, and until when the next attempt must wait. */
    private record Failures(int count, Instant last, Instant waitUntil) {
        static final Failures NONE = new Failures(0, Instant.MIN, Instant.MIN);

        /** The run after one more failure at {@code now}, which waits once {@code free} failures are used up. */
        Failures next(Instant now, int free) {
            int count = (forgotten(now) ? 0 : this.count) + 1;
            if (count < free) {
                return new Failures(count, now, now);
            }
            Duration wait = Duration.ofSeconds(1L << Math.min(count - free, 30));
            return new Failures(count, now, now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait));
        }

        /** The run of a user name, paced once past the ceiling instead of waiting longer and longer. */
        Failures nextOfUser(Instant now) {
            int count = (forgotten(now) ? 0 : this.count) + 1;
            return new Failures(count, now, count >= USER_CEILING ? now.plus(USER_PACE) : now);
        }

        boolean forgotten(Instant now) {
            return !last.plus(FORGET_AFTER).isAfter(now);
        }

        boolean any(Instant now) {
            return count > 0 && !forgotten(now);
        }
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the next attempt for this user name from this address must wait; empty when it may go ahead. */
    public Optional<Duration> waitBeforeNextAttempt(String username, String address) {
        Instant now = clock.instant();
        Failures fromAddress = known(address(address));
        if (!fromAddress.any(now)) {
            return Optional.empty();
        }
        Instant until = latest(known(pair(username, address)).waitUntil(), fromAddress.waitUntil(),
                known(user(username)).waitUntil());
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > REMEMBERED) {
            failures.values().removeIf(run -> !run.waitUntil().isAfter(now));
        }
        failures.merge(pair(username, address), Failures.NONE.next(now, FREE_FAILURES),
                (before, ignored) -> before.next(now, FREE_FAILURES));
        failures.merge(address(address), Failures.NONE.next(now, FREE_FAILURES_PER_ADDRESS),
                (before, ignored) -> before.next(now, FREE_FAILURES_PER_ADDRESS));
        failures.merge(user(username), Failures.NONE.nextOfUser(now), (before, ignored) -> before.nextOfUser(now));
    }

    public void succeeded(String username, String address) {
        failures.remove(pair(username, address));
    }

    private Failures known(String key) {
        return failures.getOrDefault(key, Failures.NONE);
    }

    private static Instant latest(Instant... instants) {
        Instant latest = Instant.MIN;
        for (Instant instant : instants) {
            latest = instant.isAfter(latest) ? instant : latest;
        }
        return latest;
    }

    private static String user(String username) {
        return "user:" + normalised(username);
    }

    private static String pair(String username, String address) {
        return "pair:" + address + " " + normalised(username);
    }

    private static String address(String address) {
        return "address:" + address;
    }

    private static String normalised(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
