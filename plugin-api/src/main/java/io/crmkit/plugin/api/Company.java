package io.crmkit.plugin.api;

import java.util.Objects;
import java.util.Optional;

/** An organisation the business sells to; contacts and pipeline records may belong to one. */
public record Company(long id, String name, Optional<String> phone, Optional<String> website) {
    public Company {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(website, "website");
    }
}
