package io.crmkit.plugin.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person the business talks to.
 *
 * @param phone an E.164 number ({@code +819012345678}) when known
 */
public record Contact(long id, String firstName, String lastName, Optional<String> phone,
                      Optional<String> email, Optional<Long> companyId, Optional<Long> ownerId) {
    private static final Set<String> FAMILY_NAME_FIRST = Set.of("ja", "zh", "ko");

    public Contact {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(ownerId, "ownerId");
    }

    /** First and last name joined in the Western order, for display where the reader's language is unknown. */
    public String displayName() {
        return (firstName + " " + lastName).strip();
    }

    /**
     * The name in the order readers of {@code language} expect: the family (last) name first in Japanese, Chinese
     * and Korean ("山田 花子"), the given (first) name first otherwise ("Hanako Yamada").
     */
    public String displayNameIn(Locale language) {
        return FAMILY_NAME_FIRST.contains(language.getLanguage()) ? (lastName + " " + firstName).strip() : displayName();
    }
}
