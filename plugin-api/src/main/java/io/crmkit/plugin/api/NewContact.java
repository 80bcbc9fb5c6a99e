package io.crmkit.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin supplies to create a contact. At least one of first and last name must be non-blank. Every
 * host accepts names of up to {@value #NAME_LENGTH_EVERY_HOST_ACCEPTS} characters (code points) each, in any
 * script, emoji included; a host may accept longer ones.
 *
 * @param phone any common notation; the host stores it in E.164 or refuses it
 */
public record NewContact(String firstName, String lastName, Optional<String> phone, Optional<String> email,
                         Optional<Long> companyId, Optional<Long> ownerId) {
    /** The length of a first or last name, in code points, that no host refuses. */
    public static final int NAME_LENGTH_EVERY_HOST_ACCEPTS = 100;

    public NewContact {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(ownerId, "ownerId");
    }

    /** A contact known by a display name and a phone number, owned by a user: what an inbound chat creates. */
    public static NewContact reachableAt(String displayName, String phone, long ownerId) {
        return new NewContact(displayName, "", Optional.of(phone), Optional.empty(), Optional.empty(),
                Optional.of(ownerId));
    }
}
