package io.crmkit.whatsapp.domain;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A person's name split as a CRM keeps it, from the one profile name WhatsApp gives.
 *
 * @param first the given name
 * @param last  the family name, empty when the profile name has one word
 */
public record PersonName(String first, String last) {
    /** Scripts in which a name is written family name first: "山田 花子" is Hanako of the Yamada family. */
    private static final Set<UnicodeScript> FAMILY_NAME_FIRST = EnumSet.of(
            UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA, UnicodeScript.HANGUL);

    public PersonName {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /**
     * Splits at the first space: "Maria Lopez" is given name Maria, "山田 花子" (a name in Han, kana or Hangul) is
     * family name 山田. A name without a space is a given name; each part is at most {@code maxLength} code points.
     */
    public static PersonName ofProfileName(String profileName, int maxLength) {
        String[] words = profileName.strip().split("\\s+", 2);
        if (words.length == 1) {
            return new PersonName(BoundedText.fit(words[0], maxLength), "");
        }
        String firstWord = BoundedText.fit(words[0], maxLength);
        String rest = BoundedText.fit(words[1], maxLength);
        return writtenFamilyNameFirst(words[0]) ? new PersonName(rest, firstWord) : new PersonName(firstWord, rest);
    }

    private static boolean writtenFamilyNameFirst(String word) {
        return word.codePoints().anyMatch(c -> FAMILY_NAME_FIRST.contains(UnicodeScript.of(c)));
    }
}
