package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.ProfilePermission;

import java.util.List;
import java.util.Optional;

/** The WhatsApp level each host profile grants, per organisation. */
public interface ProfilePermissionRepository {

    Optional<ProfilePermission> find(long organisationId, long profileId);

    List<ProfilePermission> list(long organisationId);

    void add(ProfilePermission permission);
}
