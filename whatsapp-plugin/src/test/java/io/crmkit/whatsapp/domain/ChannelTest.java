package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelTest {
    private static final Channel.MetaNumber NUMBER = new Channel.MetaNumber("1065", "1022", "+1 555 0100", "Acme");

    private static Channel connected() {
        return new Channel(7, "Sales", ChannelMode.MANUAL, NUMBER, new byte[]{1, 2}, List.of(3L, 4L), Instant.EPOCH);
    }

    @Test
    void aRefusedTokenNeedsReauthorisationUntilANewOneIsAccepted() {
        Channel channel = connected();
        channel.requireReauthorisation();
        assertEquals(ChannelStatus.NEEDS_REAUTH, channel.status());
        channel.reauthorise(new byte[]{9});
        assertEquals(ChannelStatus.CONNECTED, channel.status());
        assertArrayEquals(new byte[]{9}, channel.encryptedAccessToken());
    }

    @Test
    void aDisconnectedChannelRefusesWorkUntilReconnected() {
        Channel channel = connected();
        channel.disconnect(Instant.EPOCH);
        channel.requireReauthorisation();
        assertEquals(ChannelStatus.DISCONNECTED, channel.status(), "a disconnected channel stays disconnected");
        Refusal refusal = assertThrows(Refusal.class, () -> channel.reauthorise(new byte[]{9}));
        assertEquals(ProblemCode.CHANNEL_DISCONNECTED, refusal.code());

        channel.reconnect("Sales again", ChannelMode.SANDBOX, NUMBER, new byte[]{5}, List.of(3L), Instant.EPOCH);
        assertEquals(ChannelStatus.CONNECTED, channel.status());
        assertEquals("Sales again", channel.name());
    }

    @Test
    void namesAndAssigneesAreChecked() {
        assertEquals("name", assertThrows(Refusal.class, () -> Channel.requireValidName(" ")).field().orElseThrow());
        assertThrows(Refusal.class, () -> Channel.requireValidName("x".repeat(Channel.NAME_MAX + 1)));
        assertEquals("assigneeIds", assertThrows(Refusal.class, () -> Channel.requireValidAssignees(List.of()))
                .field().orElseThrow());
        assertThrows(Refusal.class, () -> Channel.requireValidAssignees(List.of(3L, 3L)));
        assertEquals(List.of(4L, 3L), Channel.requireValidAssignees(List.of(4L, 3L)), "the order is the turn order");
    }
}
