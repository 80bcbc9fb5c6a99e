package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A set of users with the same rights. Every organisation starts with "Administrator" (administers the CRM
 * and every plugin) and "Standard" (works with records).
 */
@Entity
@Table(schema = "crm", name = "profile")
public class Profile {
    public static final String ADMINISTRATOR = "Administrator";
    public static final String STANDARD = "Standard";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private boolean administrator;

    protected Profile() {
    }

    public Profile(long organisationId, String name, boolean administrator) {
        this.organisationId = organisationId;
        this.name = Fields.required("name", name, Fields.NAME_MAX);
        this.administrator = administrator;
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public String name() {
        return name;
    }

    public boolean isAdministrator() {
        return administrator;
    }
}
