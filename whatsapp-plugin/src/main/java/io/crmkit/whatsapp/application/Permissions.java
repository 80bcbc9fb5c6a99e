package io.crmkit.whatsapp.application;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.Profile;
import io.crmkit.whatsapp.application.repository.ProfilePermissionRepository;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.ProfilePermission;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Who may do what with WhatsApp messages: the level granted to the user's profile; administrators always full. */
@ApplicationScoped
public class Permissions {
    @Inject
    ProfilePermissionRepository grants;
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
            throw new Refusal(ProblemCode.FORBIDDEN, RefusalText.NO_WHATSAPP_ACCESS);
        }
        return level;
    }

    /** Refuses callers who are not administrators of their organisation. */
    public static void requireAdministrator(CurrentUser user) {
        if (!user.administrator()) {
            throw new Refusal(ProblemCode.FORBIDDEN, RefusalText.ADMINISTRATORS_ONLY);
        }
    }

    /** Refuses callers who may not answer customers. */
    public void requireReply(CurrentUser user) {
        if (!levelOf(user).includes(AccessLevel.VIEW_AND_REPLY)) {
            throw new Refusal(ProblemCode.FORBIDDEN, RefusalText.VIEW_ONLY);
        }
    }

    public AccessLevel levelOf(CurrentUser user) {
        return levelOf(user.organisationId(), user.profileId(), user.administrator());
    }

    /** Every profile of the caller's organisation with its level. */
    public List<ProfileLevel> levels(CurrentUser admin) {
        Map<Long, AccessLevel> granted = grantedIn(admin.organisationId());
        return host.organisation(admin.organisationId()).users().profiles().stream()
                .map(profile -> new ProfileLevel(profile, levelOf(profile, granted)))
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
        Map<Long, AccessLevel> granted = grantedIn(caller.organisationId());
        Map<Long, AccessLevel> byProfile = users.profiles().stream()
                .collect(Collectors.toMap(Profile::id, profile -> levelOf(profile, granted)));
        return users.list().stream()
                .map(user -> new UserLevel(user, byProfile.getOrDefault(user.profileId(), AccessLevel.NONE))).toList();
    }

    /**
     * The level a user has now, looked up afresh (profile, activity, grants), for decisions that outlive a
     * request such as an open stream of live events. {@code NONE} for a user who left or was deactivated.
     */
    @Transactional
    public AccessLevel currentLevel(long organisationId, long userId) {
        var users = host.organisation(organisationId).users();
        return users.find(userId).filter(io.crmkit.plugin.api.User::active)
                .flatMap(user -> users.findProfile(user.profileId()))
                .map(profile -> levelOf(organisationId, profile))
                .orElse(AccessLevel.NONE);
    }

    private AccessLevel levelOf(long organisationId, Profile profile) {
        return levelOf(organisationId, profile.id(), profile.administrator());
    }

    private AccessLevel levelOf(long organisationId, long profileId, boolean administrator) {
        // An administrator's level needs no lookup.
        return levelOf(administrator, administrator ? Optional.empty()
                : grants.find(organisationId, profileId).map(ProfilePermission::level));
    }

    private static AccessLevel levelOf(Profile profile, Map<Long, AccessLevel> granted) {
        return levelOf(profile.administrator(), Optional.ofNullable(granted.get(profile.id())));
    }

    /** The levels granted in the organisation, by profile id, read at once for screens that show them all. */
    private Map<Long, AccessLevel> grantedIn(long organisationId) {
        return grants.list(organisationId).stream()
                .collect(Collectors.toMap(ProfilePermission::profileId, ProfilePermission::level));
    }

    /** The one rule: administrators always have full access; everyone else has what their profile was granted. */
    private static AccessLevel levelOf(boolean administrator, Optional<AccessLevel> granted) {
        return administrator ? AccessLevel.VIEW_AND_REPLY : granted.orElse(AccessLevel.NONE);
    }

    /** Grants a level to a profile of the caller's organisation. */
    @Transactional
    public ProfileLevel grant(CurrentUser admin, long profileId, AccessLevel level) {
        Profile profile = host.organisation(admin.organisationId()).users().findProfile(profileId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_PROFILE, profileId));
        if (profile.administrator()) {
            throw Refusal.invalid("level", RefusalText.ADMINISTRATOR_LEVEL_FIXED);
        }
        grants.find(admin.organisationId(), profileId).ifPresentOrElse(permission -> permission.grant(level),
                () -> grants.add(new ProfilePermission(admin.organisationId(), profileId, level)));
        levelsChanged.fire(new LevelsChanged(admin.organisationId()));
        return new ProfileLevel(profile, level);
    }
}
