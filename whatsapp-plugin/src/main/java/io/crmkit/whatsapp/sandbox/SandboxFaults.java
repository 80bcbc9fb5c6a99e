package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults tests inject into the emulated Graph API: for requests whose path contains {@code path} (and of one HTTP
 * {@code method} when given), answer
 * with Meta's error {@code errorCode} and HTTP {@code status}, or delay by {@code delayMs}, or hold the request
 * until the faults are cleared ({@code hold}, at most as long as the longest delay), or drop the
 * connection mid-answer ({@code drop}), for the next {@code count} requests, or for each matching request
 * with probability {@code rate} until {@code count} are used up. A held request shows while it waits, so that a
 * test knows Meta has it and decides itself when Meta answers, whatever the machine's speed.
 */
@ApplicationScoped
public class SandboxFaults {

    /** One injected fault. {@code errorCode} 0 with a delay means "slow, then answer normally". */
    public static final class Fault {
        final String path;
        final int status;
        final int errorCode;
        final long delayMs;
        final int count;
        final AtomicInteger remaining;
        final boolean drop;
        final double rate;
        /** The HTTP method the fault strikes, or empty for any. */
        final String method;
        /** Whether a struck request waits until the faults are cleared before it is answered. */
        final boolean hold;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger holding = new AtomicInteger();

        /** How many requests it struck so far. */
        int struck() {
            return count - Math.max(0, remaining.get());
        }

        /** The longest delay, the most occurrences and the longest path a fault may have. */
        static final long MAX_DELAY_MS = 60_000;
        static final int MAX_COUNT = 100_000;
        static final int MAX_PATH = 300;

        /**
         * A fault asked for over HTTP, within bounds: a delay of at most a minute, a finite count, a real rate.
         *
         * @throws IllegalArgumentException for a value out of bounds
         */
        static Fault bounded(String method, String path, int status, int errorCode, long delayMs, int count, boolean drop,
                             double rate, boolean hold) {
            if (path.length() > MAX_PATH || status < 100 || status > 599 || delayMs < 0 || delayMs > MAX_DELAY_MS
                    || count < 1 || count > MAX_COUNT || !(rate > 0 && rate <= 1)) {
                throw new IllegalArgumentException("a fault has a path of at most " + MAX_PATH + " characters, an HTTP"
                        + " status, a delay of 0 to " + MAX_DELAY_MS + " ms, a count of 1 to " + MAX_COUNT
                        + " and a rate above 0 and at most 1");
            }
            return new Fault(method, path, status, errorCode, delayMs, count, drop, rate, hold);
        }

        /** A fault of every method, struck at each of the next {@code count} requests. */
        public Fault(String path, int status, int errorCode, long delayMs, int count) {
            this(path, status, errorCode, delayMs, count, false, 1.0);
        }

        public Fault(String path, int status, int errorCode, long delayMs, int count, boolean drop, double rate) {
            this("", path, status, errorCode, delayMs, count, drop, rate);
        }

        public Fault(String method, String path, int status, int errorCode, long delayMs, int count, boolean drop,
                     double rate) {
            this(method, path, status, errorCode, delayMs, count, drop, rate, false);
        }

        public Fault(String method, String path, int status, int errorCode, long delayMs, int count, boolean drop,
                     double rate, boolean hold) {
            this.method = method;
            this.hold = hold;
            this.path = path;
            this.status = status;
            this.errorCode = errorCode;
            this.delayMs = delayMs;
            this.count = count;
            this.remaining = new AtomicInteger(count);
            this.drop = drop;
            this.rate = rate;
        }

        /** Keeps the calling request waiting until the fault is released, at most {@value #MAX_DELAY_MS} ms. */
        void holdUntilReleased() throws InterruptedException {
            holding.incrementAndGet();
            try {
                released.await(MAX_DELAY_MS, TimeUnit.MILLISECONDS);
            } finally {
                holding.decrementAndGet();
            }
        }

        /** How many requests it keeps waiting now. */
        int holding() {
            return holding.get();
        }

        void release() {
            released.countDown();
        }
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** How many faults may wait at once. */
    static final int MAX_FAULTS = 100;

    /** @throws IllegalArgumentException when {@value #MAX_FAULTS} faults wait already */
    public void add(Fault fault) {
        if (faults.size() >= MAX_FAULTS) {
            throw new IllegalArgumentException(MAX_FAULTS + " faults wait already: clear them first");
        }
        faults.add(fault);
    }

    /** The faults waiting or used up, in the order they were added. */
    List<Fault> all() {
        return List.copyOf(faults);
    }

    /** Removes the faults, letting the requests they hold go on to their answers. */
    public void clear() {
        faults.forEach(Fault::release);
        faults.clear();
    }

    /** The fault that applies to this request, consuming one of its occurrences. */
    Optional<Fault> take(String method, String path) {
        for (Fault fault : faults) {
            boolean strikes = fault.rate >= 1.0 || java.util.concurrent.ThreadLocalRandom.current().nextDouble() < fault.rate;
            boolean ofMethod = fault.method.isEmpty() || fault.method.equalsIgnoreCase(method);
            if (path.contains(fault.path) && ofMethod && strikes && fault.remaining.getAndDecrement() > 0) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
