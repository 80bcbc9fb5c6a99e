package io.crmkit.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContactTest {
    private static Contact named(String first, String last) {
        return new Contact(1, first, last, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void japaneseReadersSeeTheFamilyNameFirstOthersTheGivenName() {
        Contact hanako = named("花子", "山田");
        assertEquals("山田 花子", hanako.displayNameIn(Locale.JAPANESE));
        assertEquals("山田 花子", hanako.displayNameIn(Locale.JAPAN));
        assertEquals("花子 山田", hanako.displayNameIn(Locale.ENGLISH));
        assertEquals("Maria Lopez", named("Maria", "Lopez").displayNameIn(Locale.ENGLISH));
        assertEquals("Lopez Maria", named("Maria", "Lopez").displayNameIn(Locale.JAPANESE));
    }

    @Test
    void aMissingHalfLeavesNoStraySpace() {
        assertEquals("Cher", named("Cher", "").displayNameIn(Locale.JAPANESE));
        assertEquals("Sato", named("", "Sato").displayNameIn(Locale.ENGLISH));
    }
}
