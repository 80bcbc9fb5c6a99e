package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonNameTest {
    private static PersonName split(String profileName) {
        return PersonName.ofProfileName(profileName, 100);
    }

    @Test
    void aWesternNameIsGivenNameFirst() {
        assertEquals(new PersonName("Maria", "Lopez Garcia"), split("  Maria   Lopez Garcia "));
    }

    @Test
    void aNameInHanKanaOrHangulIsFamilyNameFirst() {
        assertEquals(new PersonName("花子", "山田"), split("山田 花子"));
        assertEquals(new PersonName("ハナコ", "ヤマダ"), split("ヤマダ ハナコ"));
        assertEquals(new PersonName("민준", "김"), split("김 민준"));
        assertEquals(new PersonName("Ming", "王"), split("王 Ming"));
    }

    @Test
    void oneWordIsAGivenNameAndEachPartIsBounded() {
        assertEquals(new PersonName("Cher", ""), split("Cher"));
        assertEquals(new PersonName("😀🎉", ""), split("😀🎉"));
        PersonName longName = PersonName.ofProfileName("a".repeat(300) + " " + "b".repeat(300), 100);
        assertEquals(100, longName.first().codePointCount(0, longName.first().length()));
        assertEquals(100, longName.last().codePointCount(0, longName.last().length()));
    }
}
