package io.crmkit.whatsapp.domain;

/** Whether a channel can send and receive. */
public enum ChannelStatus {
    CONNECTED,
    /** Meta refused the token (expired, revoked, permission removed): an administrator must authorise again. */
    NEEDS_REAUTH,
    /** Disconnected by an administrator; its history is kept and a reconnect reuses it. */
    DISCONNECTED
}
