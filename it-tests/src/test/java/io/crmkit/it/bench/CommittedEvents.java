package io.crmkit.it.bench;

import io.crmkit.it.support.TestDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel's webhook events as received and as their processing committed ({@link CommitWatcher}), in seconds since
 * the epoch of the database's clock; NaN for an event whose processing no sample saw committed.
 */
record CommittedEvents(double[] received, double[] committed) {

    /** The events of a channel received from {@code since} on, each with the commit of the transaction that processed it. */
    static CommittedEvents of(String database, long channelId, double since, List<CommitWatcher.Sample> samples) {
        List<double[]> rows = TestDatabase.rowsIn(database, """
                select extract(epoch from received_at)::float8, xmin::text::bigint, processed_at is not null
                  from whatsapp.webhook_event where channel_id = ? and received_at >= to_timestamp(?)""",
                row -> new double[]{row.getDouble(1), row.getBoolean(3)
                        ? CommitWatcher.committedAt(samples, row.getLong(2)) : Double.NaN}, channelId, since);
        double[] received = new double[rows.size()];
        double[] committed = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            received[i] = rows.get(i)[0];
            committed[i] = rows.get(i)[1];
        }
        return new CommittedEvents(received, committed);
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
}
