package io.crmkit.plugin.api;

import java.util.Objects;
import java.util.Optional;

/** A person who works in the CRM. Deactivated users keep their records but receive no new work. */
public record User(long id, String username, String name, Optional<String> email, long profileId, boolean active) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }
}
