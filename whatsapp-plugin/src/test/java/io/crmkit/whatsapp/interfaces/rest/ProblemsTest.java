package io.crmkit.whatsapp.interfaces.rest;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemsTest {

    @Test
    void aRefusalShownAloneStartsAsASentence() {
        assertEquals("Write a message first", Problems.asSentence("write a message first", Locale.ENGLISH));
        assertEquals("Éclair is not a shortcut", Problems.asSentence("éclair is not a shortcut", Locale.ENGLISH));
        assertEquals("User 7 is not an active user", Problems.asSentence("user 7 is not an active user", Locale.ENGLISH));
        assertEquals("", Problems.asSentence("", Locale.ENGLISH));
    }

    @Test
    void aJapaneseRefusalKeepsTheFieldNameAsTheApiSpellsIt() {
        assertEquals("limit は 1 から 200 の間で指定してください",
                Problems.asSentence("limit は 1 から 200 の間で指定してください", Locale.JAPANESE));
        assertEquals("この番号は接続されていません", Problems.asSentence("この番号は接続されていません", Locale.JAPANESE));
    }
}
