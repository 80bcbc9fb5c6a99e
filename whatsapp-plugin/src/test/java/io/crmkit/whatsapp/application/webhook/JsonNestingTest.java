package io.crmkit.whatsapp.application.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonNestingTest {

    private static boolean deeperThan(String json, int depth) {
        return JsonNesting.deeperThan(json.getBytes(StandardCharsets.UTF_8), depth);
    }

    @Test
    void countsObjectsAndArraysButNotBracketsInStrings() {
        assertFalse(deeperThan("{\"a\":[{\"b\":[]}]}", 4));
        assertTrue(deeperThan("{\"a\":[{\"b\":[]}]}", 3));
        assertFalse(deeperThan("{\"text\":\"[[[[[[{{{{{\\\"[[[[\"}", 1));
    }

    @Test
    void aHundredThousandLevelsAreNoticedWithoutParsing() {
        assertTrue(deeperThan("[".repeat(100_000) + "]".repeat(100_000), JsonNesting.MAX_DEPTH));
    }
}
