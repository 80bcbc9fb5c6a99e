package io.crmkit.whatsapp.domain;

/**
 * How much of WhatsApp messaging a profile gets. Administrators always have {@link #VIEW_AND_REPLY};
 * a profile nobody granted anything has {@link #NONE}.
 */
public enum AccessLevel {
    /** Read every conversation the user may see and answer them. */
    VIEW_AND_REPLY,
    /** Read incoming messages only; no composer. */
    VIEW_ONLY,
    /** No access to WhatsApp messages. */
    NONE;

    /** Whether this level includes what {@code needed} allows: replying includes viewing. */
    public boolean includes(AccessLevel needed) {
        return switch (needed) {
            case NONE -> true;
            case VIEW_ONLY -> this == VIEW_ONLY || this == VIEW_AND_REPLY;
            case VIEW_AND_REPLY -> this == VIEW_AND_REPLY;
        };
    }
}
