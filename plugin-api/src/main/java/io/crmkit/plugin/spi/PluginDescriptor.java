package io.crmkit.plugin.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a plugin is and what it adds to the host.
 *
 * @param id            stable id, lowercase letters, digits and {@code -} (for example {@code whatsapp}); also
 *                      the name of the plugin's database schema (with {@code -} as {@code _})
 * @param version       the plugin's own version
 * @param name          the plugin's name in the host's language
 * @param contributions the screens it adds, in display order
 * @param permissions   the permissions it declares, which administrators grant per profile
 */
public record PluginDescriptor(String id, String version, LocalizedText name, List<UiContribution> contributions,
                               List<PermissionDeclaration> permissions) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,40}");

    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin id must match " + ID + ": " + id);
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        contributions = List.copyOf(contributions);
        permissions = List.copyOf(permissions);
        long distinctIds = contributions.stream().map(UiContribution::id).distinct().count();
        if (distinctIds != contributions.size()) {
            throw new IllegalArgumentException("contribution ids must be unique within plugin " + id);
        }
        for (UiContribution contribution : contributions) {
            if (contribution.access() instanceof Access.Permission permission
                    && permissions.stream().noneMatch(p -> p.id().equals(permission.permissionId()))) {
                throw new IllegalArgumentException(
                        "contribution " + contribution.id() + " needs undeclared permission " + permission.permissionId());
            }
        }
    }
}
