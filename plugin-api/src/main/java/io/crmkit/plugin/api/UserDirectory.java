package io.crmkit.plugin.api;

import java.util.List;
import java.util.Optional;

/** Users and profiles of one organisation. */
public interface UserDirectory {

    Optional<User> find(long userId);

    /** Every user, active or not, ordered by id. */
    List<User> list();

    /** Every profile, ordered by id; always contains at least one administrator profile. */
    List<Profile> profiles();

    Optional<Profile> findProfile(long profileId);
}
