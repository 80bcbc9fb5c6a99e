package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.ProfilePermissionRepository;
import io.crmkit.whatsapp.domain.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaProfilePermissionRepository extends JpaRepository implements ProfilePermissionRepository {
    @Override
    public Optional<ProfilePermission> find(long organisationId, long profileId) {
        return Optional.ofNullable(em.find(ProfilePermission.class, new ProfilePermission.Key(organisationId, profileId)));
    }

    @Override
    public List<ProfilePermission> list(long organisationId) {
        return listOfOrganisation(ProfilePermission.class, organisationId, "profileId");
    }

    @Override
    public void add(ProfilePermission permission) {
        em.persist(permission);
    }
}
