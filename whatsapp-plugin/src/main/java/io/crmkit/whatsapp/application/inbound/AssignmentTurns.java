package io.crmkit.whatsapp.application.inbound;

/**
 * Whose turn it is to get a channel's next new chat: a position in the channel's list of assignees, kept
 * across restarts and shared by every node.
 */
public interface AssignmentTurns {

    /**
     * Takes the channel's next turn, a position among {@code assignees} positions (those who may be dealt a chat
     * now), in the caller's transaction, and moves the turn on at once for everyone: no one waits for the
     * transaction of the chat it is taken for. (Should that transaction roll back, the turn is spent; the deal
     * stays even.)
     */
    int take(long channelId, int assignees);
}
