package io.crmkit.plugin.spi;

import java.util.Objects;

/**
 * A permission a plugin defines, which administrators grant per profile in the plugin's settings.
 *
 * @param id stable id, for example {@code VIEW_AND_REPLY}
 */
public record PermissionDeclaration(String id, LocalizedText title, LocalizedText description) {
    public PermissionDeclaration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
    }
}
