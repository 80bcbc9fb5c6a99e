package io.crmkit.crm.adapter;

import io.crmkit.crm.application.Organisations;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.UserAccount;
import io.crmkit.plugin.api.Profile;
import io.crmkit.plugin.api.User;

import java.util.List;
import java.util.Optional;

/** Users and profiles of one organisation, for plugins. */
final class AdaptedUsers implements io.crmkit.plugin.api.UserDirectory {
    private final long org;
    private final Organisations organisations;
    private final UserAdministration users;

    AdaptedUsers(long org, Organisations organisations, UserAdministration users) {
        this.org = org;
        this.organisations = organisations;
        this.users = users;
    }

    private static User toApi(UserAccount u) {
        return new User(u.id(), u.username(), u.name(), u.email(), u.profileId(), u.isActive());
    }

    private static Profile toApi(io.crmkit.crm.domain.Profile p) {
        return new Profile(p.id(), p.name(), p.isAdministrator());
    }

    @Override
    public Optional<User> find(long userId) {
        return organisations.user(org, userId).map(AdaptedUsers::toApi);
    }

    @Override
    public List<User> list() {
        return users.users(org).stream().map(AdaptedUsers::toApi).toList();
    }

    @Override
    public List<Profile> profiles() {
        return users.profiles(org).stream().map(AdaptedUsers::toApi).toList();
    }

    @Override
    public Optional<Profile> findProfile(long profileId) {
        return users.findProfile(org, profileId).map(AdaptedUsers::toApi);
    }
}
