package io.crmkit.whatsapp.sandbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxConversationsTest {

    @Test
    void everyThroughputRefusalOfANumberIsCounted() {
        SandboxConversations conversations = new SandboxConversations();
        conversations.throughputPerSecond = 80;
        conversations.setThroughput("1001", 1);
        assertTrue(conversations.tryAcquireThroughput("1001"));
        assertFalse(conversations.tryAcquireThroughput("1001"));
        assertFalse(conversations.tryAcquireThroughput("1001"), "the same message sent again is refused again");
        assertEquals(2, conversations.throughputRefusals("1001"));
        assertEquals(0, conversations.throughputRefusals("1002"), "a number that was never refused");
    }
}
