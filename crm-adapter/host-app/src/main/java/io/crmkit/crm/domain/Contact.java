package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A person the business talks to. Needs a first or a last name; the phone number, when known, is kept in
 * E.164 so that messaging channels find the contact whatever notation the customer's number arrives in.
 */
@Entity
@Table(schema = "crm", name = "contact")
public class Contact {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(name = "first_name", nullable = false)
    private String firstName;
    @Column(name = "last_name", nullable = false)
    private String lastName;
    private String phone;
    private String email;
    @Column(name = "company_id")
    private Long companyId;
    @Column(name = "owner_id")
    private Long ownerId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Contact() {
    }

    public Contact(long organisationId, String firstName, String lastName) {
        this.organisationId = organisationId;
        rename(firstName, lastName);
        this.createdAt = Instant.now();
    }

    public void rename(String newFirstName, String newLastName) {
        String first = Fields.limited("firstName", newFirstName, Fields.NAME_MAX);
        String last = Fields.limited("lastName", newLastName, Fields.NAME_MAX);
        if (first.isEmpty() && last.isEmpty()) {
            throw new InvalidInputException("lastName", RefusalText.CONTACT_NEEDS_NAME);
        }
        this.firstName = first;
        this.lastName = last;
    }

    /**
     * Takes every field of a record that was built and checked apart from this one, so that a refused field
     * leaves this record as it was.
     */
    public void replaceDetailsWith(Contact checked) {
        this.firstName = checked.firstName;
        this.lastName = checked.lastName;
        this.phone = checked.phone;
        this.email = checked.email;
        this.companyId = checked.companyId;
        this.ownerId = checked.ownerId;
    }

    /** @param e164 an already normalised number, or empty to remove it */
    public void changePhone(Optional<String> e164) {
        this.phone = e164.orElse(null);
    }

    public void changeEmail(Optional<String> newEmail) {
        this.email = newEmail.orElse(null);
    }

    public void joinCompany(Optional<Long> newCompanyId) {
        this.companyId = newCompanyId.orElse(null);
    }

    public void assignTo(Optional<Long> newOwnerId) {
        this.ownerId = newOwnerId.orElse(null);
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Optional<Long> companyId() {
        return Optional.ofNullable(companyId);
    }

    public Optional<Long> ownerId() {
        return Optional.ofNullable(ownerId);
    }
}
