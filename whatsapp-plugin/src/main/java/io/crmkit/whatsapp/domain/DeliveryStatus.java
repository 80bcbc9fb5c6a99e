package io.crmkit.whatsapp.domain;

/**
 * Where a message is on its way. Outbound messages only move forward, QUEUED &lt; SENT &lt; DELIVERED &lt; READ,
 * whatever order Meta's status webhooks arrive in; FAILED is final. Inbound messages are RECEIVED.
 */
public enum DeliveryStatus {
    QUEUED(0), SENT(1), DELIVERED(2), READ(3), FAILED(4), RECEIVED(0);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** Whether a message in this status may move to {@code next}: forward only, never out of FAILED or READ. */
    public boolean canAdvanceTo(DeliveryStatus next) {
        if (this == RECEIVED || next == RECEIVED || this == FAILED || this == READ) {
            return false;
        }
        if (next == FAILED) {
            return this != DELIVERED;
        }
        return next.rank > rank;
    }
}
