package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversationTest {
    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void everyInboundMessageReopensTheWindowForADayAndCountsAsUnread() {
        Conversation conversation = new Conversation(1, 2, 3, "819012345678", "Hanako", Optional.empty(), NOON);
        conversation.receive(NOON, "hello");
        assertTrue(conversation.windowOpenAt(NOON.plusSeconds(23 * 3600)));
        assertFalse(conversation.windowOpenAt(NOON.plusSeconds(24 * 3600)));
        conversation.receive(NOON.plusSeconds(3600), "still there?");
        assertEquals(2, conversation.unreadCount());
        assertEquals(Optional.of(NOON.plusSeconds(25 * 3600)), conversation.windowExpiresAt());
    }

    @Test
    void aLateOlderMessageNeitherShortensTheWindowNorReplacesThePreview() {
        Conversation conversation = new Conversation(1, 2, 3, "819012345678", "Hanako", Optional.empty(), NOON);
        conversation.receive(NOON, "newest");
        conversation.receive(NOON.minusSeconds(600), "older, delivered late");
        assertEquals(Optional.of(NOON.plusSeconds(24 * 3600)), conversation.windowExpiresAt());
        assertEquals("newest", conversation.lastMessagePreview());
    }

    @Test
    void readAndUnread() {
        Conversation conversation = new Conversation(1, 2, 3, "819012345678", "Hanako", Optional.empty(), NOON);
        conversation.receive(NOON, "hello");
        conversation.markRead();
        assertEquals(0, conversation.unreadCount());
        conversation.markUnread();
        assertEquals(1, conversation.unreadCount());
    }
}
