package io.crmkit.it.bench;

import io.crmkit.it.bench.CommitWatcher.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitWatcherTest {

    @Test
    void aTransactionHasFinishedBelowTheSnapshotsHorizonUnlessStillRunning() {
        Sample sample = Sample.parse(1.0, "100:110:103,107");
        assertTrue(sample.finished(99));
        assertTrue(sample.finished(104));
        assertFalse(sample.finished(103));
        assertFalse(sample.finished(107));
        assertFalse(sample.finished(110), "not yet begun when the snapshot was taken");
        assertTrue(Sample.parse(1.0, "100:100:").finished(99));
    }

    @Test
    void aRowCommittedAtTheFirstSampleThatSawItsWriterFinished() {
        List<Sample> samples = List.of(Sample.parse(10.00, "100:105:100,101"), Sample.parse(10.01, "101:106:101"),
                Sample.parse(10.02, "101:108:101,106"), Sample.parse(10.03, "108:108:"));
        assertEquals(10.01, CommitWatcher.committedAt(samples, 100));
        assertEquals(10.00, CommitWatcher.committedAt(samples, 99));
        assertEquals(10.03, CommitWatcher.committedAt(samples, 101));
        assertEquals(10.01, CommitWatcher.committedAt(samples, 105));
        assertEquals(10.03, CommitWatcher.committedAt(samples, 106));
        assertTrue(Double.isNaN(CommitWatcher.committedAt(samples, 108)), "never seen finished");
        assertTrue(Double.isNaN(CommitWatcher.committedAt(List.of(), 1)));
    }

    @Test
    void aRowsTransactionIdTakesTheEpochOfTheSnapshots() {
        long epoch = 3L << 32;
        assertEquals(epoch + 5, CommitWatcher.withEpoch(5, epoch + 10));
        assertEquals(epoch - 1, CommitWatcher.withEpoch(0xFFFF_FFFFL, epoch + 10), "from before the wrap");
        assertEquals(42, CommitWatcher.withEpoch(42, 50));
    }

    @Test
    void theRateCountsCommitsInTheWindowOverItsLengthAndTheLagRunsFromReceiptToCommit() {
        CommittedEvents events = new CommittedEvents(new double[]{0.0, 0.5, 1.0, 1.5, 2.5},
                new double[]{0.1, 2.0, 1.1, Double.NaN, 2.55}, new double[]{0.2, 2.1, 1.2, Double.NaN, 2.6});
        assertEquals(1.0, events.committedPerSecond(0.0, 2.0), 1e-9);
        assertEquals(5.0, events.committedPerSecond(2.0, 2.2), 1e-9);
        List<Double> lags = events.lagMillis(0.0, 2.0, 3.0);
        assertEquals(4, lags.size());
        assertEquals(200, lags.get(0), 1e-6);
        assertEquals(1600, lags.get(1), 1e-6);
        assertEquals(1500, lags.get(3), 1e-6, "never seen committed: the whole watch");
        assertEquals(1, events.neverSeenCommitted(0.0, 2.0));
        assertEquals(0, events.committedBeforeClaimed());
        assertEquals(1, new CommittedEvents(new double[]{0.0}, new double[]{0.5}, new double[]{0.4}).committedBeforeClaimed(),
                "a commit seen before its transaction began: the watch is wrong");
    }
}
