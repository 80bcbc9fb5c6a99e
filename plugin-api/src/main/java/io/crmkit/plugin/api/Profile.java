package io.crmkit.plugin.api;

import java.util.Objects;

/**
 * A set of users with the same rights. Plugins grant their own permissions per profile.
 *
 * @param administrator whether users of this profile administer the CRM (full access, settings)
 */
public record Profile(long id, String name, boolean administrator) {
    public Profile {
        Objects.requireNonNull(name, "name");
    }
}
