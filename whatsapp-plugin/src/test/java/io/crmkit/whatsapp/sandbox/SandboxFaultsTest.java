package io.crmkit.whatsapp.sandbox;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxFaultsTest {

    @Test
    void aHeldRequestWaitsUntilTheFaultsAreClearedAndShowsWhileItWaits() throws Exception {
        SandboxFaults faults = new SandboxFaults();
        faults.add(SandboxFaults.Fault.bounded("POST", "/messages", 200, 0, 0, 1, false, 1.0, true));
        SandboxFaults.Fault held = faults.take("POST", "/v24.0/123/messages").orElseThrow();

        CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
            try {
                held.holdUntilReleased();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held.holding() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertFalse(answered.isDone(), "held until the faults are cleared");
        assertEquals(1, faults.all().get(0).holding());

        faults.clear();

        answered.get(10, TimeUnit.SECONDS);
        assertEquals(0, held.holding());
        assertTrue(faults.all().isEmpty());
    }
}
