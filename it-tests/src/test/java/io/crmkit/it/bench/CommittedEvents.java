package io.crmkit.it.bench;

import io.crmkit.it.support.TestDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel's webhook events as received, as claimed for processing (the plugin's {@code processed_at}, the start of
 * the processing transaction) and as their processing committed ({@link CommitWatcher}), in seconds since the epoch
 * of the database's clock; NaN for an event not claimed, or whose processing no sample saw committed.
 */
record CommittedEvents(double[] received, double[] claimed, double[] committed) {

    /** The events of a channel received from {@code since} on, each with the commit of the transaction that processed it. */
    static CommittedEvents of(String database, long channelId, double since, List<CommitWatcher.Sample> samples) {
        List<double[]> rows = TestDatabase.rowsIn(database, """
                select extract(epoch from received_at)::float8, extract(epoch from processed_at)::float8,
                       xmin::text::bigint
                  from whatsapp.webhook_event where channel_id = ? and received_at >= to_timestamp(?)""",
                row -> {
                    double claimedAt = row.getDouble(2);
                    boolean processed = !row.wasNull();
                    return new double[]{row.getDouble(1), processed ? claimedAt : Double.NaN,
                            processed ? CommitWatcher.committedAt(samples, row.getLong(3)) : Double.NaN};
                }, channelId, since);
        double[] received = new double[rows.size()];
        double[] claimed = new double[rows.size()];
        double[] committed = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            received[i] = rows.get(i)[0];
            claimed[i] = rows.get(i)[1];
            committed[i] = rows.get(i)[2];
        }
        return new CommittedEvents(received, claimed, committed);
    }

    /** How many events' processing committed from {@code from} to {@code to}, divided by that window's seconds. */
    double committedPerSecond(double from, double to) {
        long count = 0;
        for (double at : committed) {
            if (at >= from && at <= to) {
                count++;
            }
        }
        return count / (to - from);
    }

    /**
     * Milliseconds from receipt to commit of each event received from {@code from} to {@code to}; an event whose
     * commit was not seen counts as waiting until {@code until}, the end of the watch.
     */
    List<Double> lagMillis(double from, double to, double until) {
        List<Double> lags = new ArrayList<>();
        for (int i = 0; i < received.length; i++) {
            if (received[i] >= from && received[i] <= to) {
                lags.add(1000 * ((Double.isNaN(committed[i]) ? until : committed[i]) - received[i]));
            }
        }
        return lags;
    }

    /** Events received from {@code from} to {@code to} whose commit was not seen. */
    long neverSeenCommitted(double from, double to) {
        long count = 0;
        for (int i = 0; i < received.length; i++) {
            if (received[i] >= from && received[i] <= to && Double.isNaN(committed[i])) {
                count++;
            }
        }
        return count;
    }

    /**
     * Events seen committed before their processing began: none, unless the watch is wrong (a transaction id read
     * from a row that its processing did not write last, say).
     */
    long committedBeforeClaimed() {
        long count = 0;
        for (int i = 0; i < received.length; i++) {
            if (committed[i] < claimed[i]) {
                count++;
            }
        }
        return count;
    }
}
