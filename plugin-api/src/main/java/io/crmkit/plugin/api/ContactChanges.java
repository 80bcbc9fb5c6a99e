package io.crmkit.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a contact's details: what is present is set, what is empty stays as it is.
 *
 * @param companyId the company the contact works for
 */
public record ContactChanges(Optional<String> firstName, Optional<String> lastName, Optional<String> email,
                             Optional<Long> companyId) {
    public ContactChanges {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(companyId, "companyId");
    }

    public boolean none() {
        return firstName.isEmpty() && lastName.isEmpty() && email.isEmpty() && companyId.isEmpty();
    }
}
