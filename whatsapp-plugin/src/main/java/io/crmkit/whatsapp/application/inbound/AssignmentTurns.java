package io.crmkit.whatsapp.application.inbound;

/**
 * Whose turn it is to get a channel's next new chat: a position in the channel's list of assignees, kept
 * across restarts and shared by every node.
 */
public interface AssignmentTurns {

    /** The channel's next position, held for the caller's transaction so that concurrent deals wait their turn. */
    int holdNext(long channelId);

    /** Where the next deal starts, once this transaction commits. */
    void moveTo(long channelId, int nextPosition);
}
