package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** The WhatsApp access level an administrator granted to one host profile. */
@Entity
@Table(schema = "whatsapp", name = "profile_permission")
@IdClass(ProfilePermission.Key.class)
public class ProfilePermission {
    @Id
    @Column(name = "organisation_id")
    private long organisationId;
    @Id
    @Column(name = "profile_id")
    private long profileId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccessLevel level;

    protected ProfilePermission() {
    }

    public ProfilePermission(long organisationId, long profileId, AccessLevel level) {
        this.organisationId = organisationId;
        this.profileId = profileId;
        this.level = Objects.requireNonNull(level);
    }

    public void grant(AccessLevel newLevel) {
        this.level = Objects.requireNonNull(newLevel);
    }

    public long profileId() {
        return profileId;
    }

    public AccessLevel level() {
        return level;
    }

    /** Primary key: one level per profile of an organisation. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long organisationId;
        private long profileId;

        public Key() {
        }

        public Key(long organisationId, long profileId) {
            this.organisationId = organisationId;
            this.profileId = profileId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.organisationId == organisationId && key.profileId == profileId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(organisationId, profileId);
        }
    }
}
