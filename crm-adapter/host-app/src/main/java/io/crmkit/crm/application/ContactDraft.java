package io.crmkit.crm.application;

import java.util.Optional;

/** Everything a user may set on a contact; the phone in any notation, normalised when stored. */
public record ContactDraft(String firstName, String lastName, Optional<String> phone, Optional<String> email,
                           Optional<Long> companyId, Optional<Long> ownerId) {
}
