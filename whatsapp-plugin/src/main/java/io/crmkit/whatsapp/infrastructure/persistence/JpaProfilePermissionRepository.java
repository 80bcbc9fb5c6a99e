package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.ProfilePermissionRepository;
import io.crmkit.whatsapp.domain.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaProfilePermissionRepository implements ProfilePermissionRepository {
    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;

    @Override
    public Optional<ProfilePermission> find(long organisationId, long profileId) {
        return Optional.ofNullable(em.find(ProfilePermission.class, new ProfilePermission.Key(organisationId, profileId)));
    }

    @Override
    public List<ProfilePermission> list(long organisationId) {
        return em.createQuery("select p from ProfilePermission p where p.organisationId = :org", ProfilePermission.class)
                .setParameter("org", organisationId).getResultList();
    }

    @Override
    public void add(ProfilePermission permission) {
        em.persist(permission);
    }
}
