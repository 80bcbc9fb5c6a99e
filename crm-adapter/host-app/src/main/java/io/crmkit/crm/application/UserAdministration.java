package io.crmkit.crm.application;

import io.crmkit.crm.domain.Fields;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.Profile;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.domain.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Users and profiles of an organisation. */
@ApplicationScoped
@Transactional
public class UserAdministration {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Organisations organisations;
    @Inject
    Passwords passwords;

    /** Everything an administrator sets on a user; the password only when creating or changing it. */
    public record UserDraft(String username, String name, Optional<String> email, long profileId, boolean active) {
    }

    public UserAccount create(long organisationId, UserDraft draft, String password) {
        requireProfile(organisationId, draft.profileId());
        requireStrong(password);
        if (findByUsername(draft.username() == null ? "" : draft.username().strip()).isPresent()) {
            throw new InvalidInputException("username", RefusalText.USERNAME_TAKEN, draft.username());
        }
        UserAccount user = new UserAccount(organisationId, draft.username(), draft.name(),
                Fields.email(draft.email().orElse(null)), draft.profileId(), passwords.hash(password));
        if (!draft.active()) {
            user.deactivate();
        }
        em.persist(user);
        em.flush();
        return user;
    }

    public UserAccount update(long organisationId, long userId, UserDraft draft, Optional<String> newPassword) {
        UserAccount user = get(organisationId, userId);
        requireProfile(organisationId, draft.profileId());
        user.rename(draft.name());
        user.changeEmail(Fields.email(draft.email().orElse(null)));
        user.moveToProfile(draft.profileId());
        if (draft.active()) {
            user.reactivate();
        } else {
            user.deactivate();
        }
        if (newPassword.isPresent()) {
            requireStrong(newPassword.get());
            user.changePasswordHash(passwords.hash(newPassword.get()));
        }
        return user;
    }

    private static void requireStrong(String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH) {
            throw new InvalidInputException("password", RefusalText.PASSWORD_TOO_SHORT, Passwords.MIN_LENGTH);
        }
        Fields.limited("password", password, 200);
    }

    private Profile requireProfile(long organisationId, long profileId) {
        return findProfile(organisationId, profileId).orElseThrow(() ->
                new InvalidInputException("profileId", RefusalText.NOT_YOUR_PROFILE, profileId));
    }

    public Profile createProfile(long organisationId, String name) {
        String trimmed = Fields.required("name", name, Fields.NAME_MAX);
        if (profiles(organisationId).stream().anyMatch(p -> p.name().equalsIgnoreCase(trimmed))) {
            throw new InvalidInputException("name", RefusalText.PROFILE_NAME_TAKEN, trimmed);
        }
        Profile profile = new Profile(organisationId, trimmed, false);
        em.persist(profile);
        em.flush();
        return profile;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserAccount get(long organisationId, long userId) {
        return organisations.user(organisationId, userId).orElseThrow(() -> new UnknownRecordException(UnknownRecordException.Kind.USER, userId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserAccount> findByUsername(String username) {
        return em.createQuery("select u from UserAccount u where u.username = :username", UserAccount.class)
                .setParameter("username", username).getResultStream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserAccount> users(long organisationId) {
        return em.createQuery("select u from UserAccount u where u.organisationId = :org order by u.id", UserAccount.class)
                .setParameter("org", organisationId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Profile> profiles(long organisationId) {
        return em.createQuery("select p from Profile p where p.organisationId = :org order by p.id", Profile.class)
                .setParameter("org", organisationId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Profile> findProfile(long organisationId, long profileId) {
        return Optional.ofNullable(em.find(Profile.class, profileId)).filter(p -> p.organisationId() == organisationId);
    }

    /** Whether the user is active and in an administrator profile of the organisation. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isActiveAdministrator(long organisationId, long userId) {
        return organisations.user(organisationId, userId)
                .filter(UserAccount::isActive)
                .flatMap(u -> findProfile(organisationId, u.profileId()))
                .map(Profile::isAdministrator)
                .orElse(false);
    }
}
