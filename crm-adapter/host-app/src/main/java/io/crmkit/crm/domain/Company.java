package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** An organisation the business sells to. */
@Entity
@Table(schema = "crm", name = "company")
public class Company {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false)
    private String name;
    private String phone;
    private String website;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Company() {
    }

    public Company(long organisationId, String name) {
        this.organisationId = organisationId;
        rename(name);
        this.createdAt = Instant.now();
    }

    public void rename(String newName) {
        this.name = Fields.required("name", newName, Fields.TITLE_MAX);
    }

    /**
     * Takes every field of a record that was built and checked apart from this one, so that a refused field
     * leaves this record as it was.
     */
    public void replaceDetailsWith(Company checked) {
        this.name = checked.name;
        this.phone = checked.phone;
        this.website = checked.website;
    }

    /** @param e164 an already normalised number, or empty to remove it */
    public void changePhone(Optional<String> e164) {
        this.phone = e164.orElse(null);
    }

    public void changeWebsite(String newWebsite) {
        this.website = Fields.optional("website", newWebsite, Fields.URL_MAX).orElse(null);
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

    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    public Optional<String> website() {
        return Optional.ofNullable(website);
    }
}
