package io.crmkit.crm.adapter;

import io.crmkit.crm.application.Organisations;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.UserAccount;
import io.crmkit.plugin.api.PermissionCheck;

/**
 * The reference host's rights: administrators hold every right; every other active user reads and edits
 * records.
 */
final class AdaptedPermissions implements PermissionCheck {
    private final long org;
    private final Organisations organisations;
    private final UserAdministration users;

    AdaptedPermissions(long org, Organisations organisations, UserAdministration users) {
        this.org = org;
        this.organisations = organisations;
        this.users = users;
    }

    @Override
    public boolean hasRight(long userId, HostRight right) {
        boolean active = organisations.user(org, userId).filter(UserAccount::isActive).isPresent();
        if (!active) {
            return false;
        }
        return right != HostRight.ADMINISTER || users.isActiveAdministrator(org, userId);
    }
}
