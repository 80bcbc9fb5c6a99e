package io.crmkit.it.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When transactions of the database became visible, as a watcher saw them: PostgreSQL's snapshot sampled every few
 * milliseconds with the database's clock. A row's commit time is then the first sample in which the transaction
 * that last wrote it ({@code xmin}) had finished, within one sampling period after the commit itself.
 * <p>
 * This is what "processed" means in the benchmarks: a webhook event's processing commits in the transaction that
 * claimed it, so its row's writer is that transaction, and the event is processed when that transaction's effects
 * became visible. The plugin's {@code processed_at}, stamped when the transaction began, leaves out the processing
 * and the commit. A sample costs the database a statement that reads no table.
 */
final class CommitWatcher implements AutoCloseable {
    /** A snapshot as PostgreSQL shows it ({@code xmin:xmax:xip,...}), at {@code seconds} since the epoch. */
    record Sample(double seconds, long xmin, long xmax, long[] inProgress) {
        static Sample parse(double seconds, String snapshot) {
            String[] parts = snapshot.split(":", -1);
            long[] running = parts.length < 3 || parts[2].isEmpty() ? new long[0]
                    : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).sorted().toArray();
            return new Sample(seconds, Long.parseLong(parts[0]), Long.parseLong(parts[1]), running);
        }

        /** Whether transaction {@code xid} (with its epoch) had ended when this snapshot was taken. */
        boolean finished(long xid) {
            return xid < xmin || (xid < xmax && Arrays.binarySearch(inProgress, xid) < 0);
        }
    }

    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private final Thread thread;
    private volatile SQLException failure;

    /** Starts sampling the database at {@code url} every {@code period}. */
    CommitWatcher(String url, Duration period) {
        thread = new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                 Statement statement = connection.createStatement()) {
                while (watching.get()) {
                    try (ResultSet row = statement.executeQuery(
                            "select txid_current_snapshot()::text, extract(epoch from clock_timestamp())::float8")) {
                        row.next();
                        samples.add(Sample.parse(row.getDouble(2), row.getString(1)));
                    }
                    Thread.sleep(period.toMillis());
                }
            } catch (SQLException failed) {
                failure = failed;
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "bench-commit-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** A copy of the samples so far, oldest first. */
    List<Sample> samples() {
        if (failure != null) {
            throw new IllegalStateException("the commit watcher failed", failure);
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * Seconds since the epoch of the first sample in which {@code xid32} (a row's {@code xmin}, without its epoch)
     * had finished; NaN when none had seen it finished. The samples are in time order and a finished transaction
     * stays finished, so the first such sample is found by bisection.
     */
    static double committedAt(List<Sample> samples, long xid32) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        long xid = withEpoch(xid32, samples.get(samples.size() - 1).xmax());
        int low = 0;
        int high = samples.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (samples.get(middle).finished(xid)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low == samples.size() ? Double.NaN : samples.get(low).seconds();
    }

    /** A 32-bit transaction id as the 64-bit one it was, the latest that is not after {@code reference}. */
    static long withEpoch(long xid32, long reference) {
        long candidate = (reference & ~0xFFFF_FFFFL) | (xid32 & 0xFFFF_FFFFL);
        return candidate > reference ? candidate - (1L << 32) : candidate;
    }

    @Override
    public void close() throws InterruptedException {
        watching.set(false);
        thread.join(5_000);
    }
}
