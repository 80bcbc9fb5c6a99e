package io.crmkit.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A person the business talks to.
 *
 * @param phone an E.164 number ({@code +819012345678}) when known
 */
public record Contact(long id, String firstName, String lastName, Optional<String> phone,
                      Optional<String> email, Optional<Long> companyId, Optional<Long> ownerId) {
    public Contact {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(ownerId, "ownerId");
    }

    /** First and last name joined, for display. */
    public String displayName() {
        return (firstName + " " + lastName).strip();
    }
}
