package io.crmkit.whatsapp.interfaces.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemsTest {

    @Test
    void aRefusalShownAloneStartsAsASentence() {
        assertEquals("Write a message first", Problems.asSentence("write a message first"));
        assertEquals("Éclair is not a shortcut", Problems.asSentence("éclair is not a shortcut"));
        assertEquals("User 7 is not an active user", Problems.asSentence("user 7 is not an active user"));
        assertEquals("この番号は接続されていません", Problems.asSentence("この番号は接続されていません"), "scripts without case stay");
        assertEquals("", Problems.asSentence(""));
    }
}
