package io.crmkit.plugin.spi;

import java.util.Objects;

/** Who may see a contribution. The host checks it before drawing the contribution. */
public sealed interface Access {

    /** Only users of an administrator profile. */
    static Access administrators() {
        return new Administrators();
    }

    /** Users who hold the plugin's permission (as answered by {@link CrmPlugin#isGranted}), and administrators. */
    static Access permission(String permissionId) {
        return new Permission(permissionId);
    }

    record Administrators() implements Access {
    }

    record Permission(String permissionId) implements Access {
        public Permission {
            Objects.requireNonNull(permissionId, "permissionId");
        }
    }
}
