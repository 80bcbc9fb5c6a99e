package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.inbound.WebhookEventDrain.Share;
import io.crmkit.whatsapp.application.inbound.WebhookEventDrain.Worker;
import io.crmkit.whatsapp.application.inbound.WebhookEventQueue.Kind;
import io.crmkit.whatsapp.application.inbound.WebhookEventQueue.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookEventDrainWorkerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Worker worker = new Worker(new Share(0, 2), clock::get);

    @Test
    void aClaimStartsAtTheOldestEventTheLastClaimTook() {
        assertEquals(0, worker.claimFrom(), "the first claim looks from the start");
        assertTrue(worker.claimed(events(120, 122, 125)));
        assertEquals(120, worker.claimFrom());
        assertTrue(worker.claimed(events(126, 130)));
        assertEquals(126, worker.claimFrom());
    }

    @Test
    void aClaimThatFindsNothingIsMadeOnceMoreFromTheStart() {
        worker.claimFrom();
        worker.claimed(events(500, 501));
        assertEquals(500, worker.claimFrom());

        assertTrue(worker.claimed(List.of()), "an event committed below 500 after the last claim may wait");
        assertEquals(0, worker.claimFrom());
        assertFalse(worker.claimed(List.of()), "nothing waits: found nothing from the start");
    }

    @Test
    void everySecondAClaimLooksFromTheStartAgain() {
        worker.claimFrom();
        worker.claimed(events(700));
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertEquals(700, worker.claimFrom());

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals(0, worker.claimFrom(), "a failed event whose attempt is due, or one held by another node, is found");
        worker.claimed(events(40, 700));
        assertEquals(40, worker.claimFrom());
    }

    private static List<StoredEvent> events(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> new StoredEvent(id, 1, Kind.STATUS, "{}")).toList();
    }
}
