package io.crmkit.crm.application;

import io.crmkit.crm.domain.Organisation;
import io.crmkit.crm.domain.PipelineStage;
import io.crmkit.crm.domain.Profile;
import io.crmkit.crm.domain.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Creates organisations with what every organisation starts with: two profiles, the stages, an administrator. */
@ApplicationScoped
@Transactional
public class OrganisationSetup {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Passwords passwords;

    /** The new organisation and its first administrator. */
    public record NewOrganisation(Organisation organisation, UserAccount administrator) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyOrganisationExists() {
        return !em.createQuery("select o.id from Organisation o", Long.class).setMaxResults(1).getResultList().isEmpty();
    }

    public NewOrganisation create(String name, String region, String adminUsername, String adminPassword) {
        Organisation organisation = new Organisation(name, region);
        em.persist(organisation);
        em.flush();
        Profile administrators = new Profile(organisation.id(), Profile.ADMINISTRATOR, true);
        em.persist(administrators);
        em.persist(new Profile(organisation.id(), Profile.STANDARD, false));
        for (int i = 0; i < PipelineStage.DEFAULTS.size(); i++) {
            em.persist(new PipelineStage(organisation.id(), i, PipelineStage.DEFAULTS.get(i)));
        }
        em.flush();
        UserAccount admin = new UserAccount(organisation.id(), adminUsername, "Administrator", Optional.empty(),
                administrators.id(), passwords.hash(adminPassword));
        em.persist(admin);
        em.flush();
        return new NewOrganisation(organisation, admin);
    }
}
