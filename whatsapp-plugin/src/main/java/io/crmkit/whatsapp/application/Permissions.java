package io.crmkit.whatsapp.application;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.Profile;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Who may do what with WhatsApp messages: the level granted to the user's profile; administrators always full. */
@ApplicationScoped
public class Permissions {
    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    CrmHost host;
    @Inject
    jakarta.enterprise.event.Event<LevelsChanged> levelsChanged;

    /** The levels of an organisation's profiles changed; observed after the change committed. */
    public record LevelsChanged(long organisationId) {
    }

    /** A host profile and the level it has. */
    public record ProfileLevel(Profile profile, AccessLevel level) {
    }

    /** Refuses callers without any WhatsApp level; answers the caller's level. */
    public AccessLevel requireView(CurrentUser user) {
        AccessLevel level = levelOf(user);
        if (!level.includes(AccessLevel.VIEW_ONLY)) {
            throw new Refusal(ProblemCode.FORBIDDEN,
                    "your profile has no access to WhatsApp messages: ask an administrator (Settings > Permissions)");
        }
        return level;
    }

    /** Refuses callers who may not answer customers. */
    public void requireReply(CurrentUser user) {
        if (!levelOf(user).includes(AccessLevel.VIEW_AND_REPLY)) {
            throw new Refusal(ProblemCode.FORBIDDEN, "your profile may only view incoming messages");
        }
    }

    public AccessLevel levelOf(CurrentUser user) {
        if (user.administrator()) {
            return AccessLevel.VIEW_AND_REPLY;
        }
        ProfilePermission granted = em.find(ProfilePermission.class,
                new ProfilePermission.Key(user.organisationId(), user.profileId()));
        return granted == null ? AccessLevel.NONE : granted.level();
    }

    /** Every profile of the caller's organisation with its level; administrator profiles always have full access. */
    public List<ProfileLevel> levels(CurrentUser admin) {
        return host.organisation(admin.organisationId()).users().profiles().stream()
                .map(profile -> new ProfileLevel(profile, profile.administrator() ? AccessLevel.VIEW_AND_REPLY
                        : granted(admin.organisationId(), profile.id())))
                .toList();
    }

    /** A user of the caller's organisation and the WhatsApp level their profile gives them. */
    public record UserLevel(io.crmkit.plugin.api.User user, AccessLevel level) {
    }

    /**
     * The organisation's users with their levels, for screens that choose owners and assignees: who would
     * not see the chats they were given shows as {@code NONE}. Refuses callers without any level.
     */
    @Transactional
    public List<UserLevel> usersWithLevels(CurrentUser caller) {
        requireView(caller);
        var users = host.organisation(caller.organisationId()).users();
        java.util.Set<Long> administratorProfiles = users.profiles().stream().filter(Profile::administrator)
                .map(Profile::id).collect(java.util.stream.Collectors.toSet());
        java.util.Map<Long, AccessLevel> granted = em.createQuery(
                        "select p from ProfilePermission p where p.organisationId = :org", ProfilePermission.class)
                .setParameter("org", caller.organisationId()).getResultStream()
                .collect(java.util.stream.Collectors.toMap(ProfilePermission::profileId, ProfilePermission::level));
        return users.list().stream().map(user -> new UserLevel(user, administratorProfiles.contains(user.profileId())
                ? AccessLevel.VIEW_AND_REPLY : granted.getOrDefault(user.profileId(), AccessLevel.NONE))).toList();
    }

    /**
     * The level a user has now, looked up afresh (profile, activity, grants), for decisions that outlive a
     * request such as an open stream of live events. {@code NONE} for a user who left or was deactivated.
     */
    @Transactional
    public AccessLevel currentLevel(long organisationId, long userId) {
        var users = host.organisation(organisationId).users();
        return users.find(userId).filter(io.crmkit.plugin.api.User::active)
                .map(user -> users.findProfile(user.profileId()).filter(Profile::administrator).isPresent()
                        ? AccessLevel.VIEW_AND_REPLY : granted(organisationId, user.profileId()))
                .orElse(AccessLevel.NONE);
    }

    private AccessLevel granted(long organisationId, long profileId) {
        ProfilePermission permission = em.find(ProfilePermission.class, new ProfilePermission.Key(organisationId, profileId));
        return permission == null ? AccessLevel.NONE : permission.level();
    }

    /** Grants a level to a profile of the caller's organisation. */
    @Transactional
    public ProfileLevel grant(CurrentUser admin, long profileId, AccessLevel level) {
        Profile profile = host.organisation(admin.organisationId()).users().findProfile(profileId)
                .orElseThrow(() -> Refusal.notFound("profile " + profileId));
        if (profile.administrator()) {
            throw Refusal.invalid("level", "administrators always have full access; their level cannot be changed");
        }
        ProfilePermission permission = em.find(ProfilePermission.class, new ProfilePermission.Key(admin.organisationId(), profileId));
        if (permission == null) {
            em.persist(new ProfilePermission(admin.organisationId(), profileId, level));
        } else {
            permission.grant(level);
        }
        levelsChanged.fire(new LevelsChanged(admin.organisationId()));
        return new ProfileLevel(profile, level);
    }
}
