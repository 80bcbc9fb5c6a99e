package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalTextTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");
    /** An apostrophe that is not doubled: MessageFormat would swallow it and quote the rest of the text. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void everyTextHasAJapaneseTranslationAndTheTranslationsNameOnlyTexts() throws IOException {
        Properties japanese = japanese();
        TreeSet<String> constants = new TreeSet<>();
        for (RefusalText text : RefusalText.values()) {
            constants.add(text.name());
        }
        assertEquals(constants, new TreeSet<>(japanese.stringPropertyNames()));
    }

    @ParameterizedTest
    @EnumSource(RefusalText.class)
    void japaneseUsesTheSameArgumentsAndBothLanguagesFormatCleanly(RefusalText text) {
        String english = text.patternIn(Locale.ENGLISH);
        String japanese = text.patternIn(Locale.JAPANESE);
        assertEquals(arguments(english), arguments(japanese), text + ": the translation must use the same arguments");
        for (String pattern : new String[]{english, japanese}) {
            assertFalse(LONE_APOSTROPHE.matcher(pattern).find(), text + ": write an apostrophe as '' in " + pattern);
            String formatted = new MessageFormat(pattern).format(new Object[]{"A", "B", "C"});
            assertFalse(formatted.contains("{") && !pattern.contains("'{'"), text + ": an argument was left unfilled");
        }
        if (!text.patternIn(Locale.ENGLISH).equals("{0}")) {
            assertNotEquals(english, japanese, text + " is not translated");
        }
    }

    @Test
    void argumentsAreShownAsGivenNotAsFormattedNumbers() {
        Refusal refusal = Refusal.notFound(RefusalText.NO_SUCH_CHANNEL, 123456L);
        assertEquals("channel 123456 does not exist", refusal.getMessage());
        assertEquals("チャネル 123456 は存在しません", refusal.detailIn(Locale.JAPANESE));
    }

    @Test
    void apostrophesSurviveFormatting() {
        assertEquals("Meta refused this number's token: an administrator must re-authorise it first",
                new Refusal(ProblemCode.CHANNEL_NEEDS_REAUTH, RefusalText.NUMBER_NEEDS_REAUTH).getMessage());
    }

    @Test
    void aLanguageWithoutTranslationsReadsEnglish() {
        assertEquals("write a message first", RefusalText.WRITE_FIRST.format(Locale.FRENCH));
        assertTrue(RefusalText.WRITE_FIRST.format(Locale.JAPAN).startsWith("先に"), "ja_JP uses the Japanese texts");
    }

    private static TreeSet<String> arguments(String pattern) {
        TreeSet<String> found = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(pattern);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties japanese() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RefusalText.class.getResourceAsStream("RefusalText_ja.properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
