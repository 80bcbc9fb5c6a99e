package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryStatusTest {

    @Test
    void statusesOnlyMoveForward() {
        assertTrue(DeliveryStatus.QUEUED.canAdvanceTo(DeliveryStatus.SENT));
        assertTrue(DeliveryStatus.SENT.canAdvanceTo(DeliveryStatus.READ), "read may arrive without delivered");
        assertFalse(DeliveryStatus.DELIVERED.canAdvanceTo(DeliveryStatus.SENT));
        assertFalse(DeliveryStatus.READ.canAdvanceTo(DeliveryStatus.DELIVERED));
        assertFalse(DeliveryStatus.SENT.canAdvanceTo(DeliveryStatus.SENT), "a repeated status changes nothing");
    }

    @Test
    void failedIsFinalAndNeverOverridesADelivery() {
        assertTrue(DeliveryStatus.SENT.canAdvanceTo(DeliveryStatus.FAILED));
        assertFalse(DeliveryStatus.FAILED.canAdvanceTo(DeliveryStatus.READ));
        assertFalse(DeliveryStatus.DELIVERED.canAdvanceTo(DeliveryStatus.FAILED));
        assertFalse(DeliveryStatus.READ.canAdvanceTo(DeliveryStatus.FAILED));
    }

    @Test
    void inboundMessagesHaveNoDeliveryToTrack() {
        Message received = Message.received(1, 2, "text", "wamid.IN", "hi", MessageDetails.NONE, Instant.EPOCH);
        assertFalse(received.advanceTo(DeliveryStatus.READ, Instant.EPOCH, Optional.empty(), Optional.empty()));
        assertEquals(DeliveryStatus.RECEIVED, received.status());
    }
}
