package io.crmkit.whatsapp.application;

import io.crmkit.plugin.api.CurrentUser;
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

    public AccessLevel levelOf(CurrentUser user) {
        if (user.administrator()) {
            return AccessLevel.VIEW_AND_REPLY;
        }
        ProfilePermission granted = em.find(ProfilePermission.class,
                new ProfilePermission.Key(user.organisationId(), user.profileId()));
        return granted == null ? AccessLevel.NONE : granted.level();
    }
}
