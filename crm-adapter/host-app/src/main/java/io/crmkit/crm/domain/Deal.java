package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A pipeline record: a deal that moves through the organisation's stages, optionally for a contact and a
 * company, with an expected amount.
 */
@Entity
@Table(schema = "crm", name = "deal")
public class Deal {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String stage;
    private BigDecimal amount;
    @Column(name = "contact_id")
    private Long contactId;
    @Column(name = "company_id")
    private Long companyId;
    @Column(name = "owner_id")
    private Long ownerId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Deal() {
    }

    /** @param stage a stage the caller has checked against the organisation's pipeline */
    public Deal(long organisationId, String name, String stage) {
        this.organisationId = organisationId;
        rename(name);
        this.stage = stage;
        this.createdAt = Instant.now();
    }

    /**
     * Takes every field of a record that was built and checked apart from this one, so that a refused field
     * leaves this record as it was.
     */
    public void replaceDetailsWith(Deal checked) {
        this.name = checked.name;
        this.stage = checked.stage;
        this.amount = checked.amount;
        this.contactId = checked.contactId;
        this.companyId = checked.companyId;
        this.ownerId = checked.ownerId;
    }

    public void rename(String newName) {
        this.name = Fields.required("name", newName, Fields.TITLE_MAX);
    }

    /** @param newStage a stage the caller has checked against the organisation's pipeline */
    public void moveToStage(String newStage) {
        this.stage = newStage;
    }

    public void estimate(Optional<BigDecimal> newAmount) {
        if (newAmount.isPresent()) {
            BigDecimal value = newAmount.get();
            if (value.signum() < 0) {
                throw new InvalidInputException("amount", RefusalText.NEGATIVE_AMOUNT);
            }
            if (value.scale() > 2 || value.precision() - value.scale() > 13) {
                throw new InvalidInputException("amount", RefusalText.AMOUNT_TOO_PRECISE);
            }
        }
        this.amount = newAmount.orElse(null);
    }

    public void linkContact(Optional<Long> newContactId) {
        this.contactId = newContactId.orElse(null);
    }

    public void linkCompany(Optional<Long> newCompanyId) {
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

    public String name() {
        return name;
    }

    public String stage() {
        return stage;
    }

    public Optional<BigDecimal> amount() {
        return Optional.ofNullable(amount);
    }

    public Optional<Long> contactId() {
        return Optional.ofNullable(contactId);
    }

    public Optional<Long> companyId() {
        return Optional.ofNullable(companyId);
    }

    public Optional<Long> ownerId() {
        return Optional.ofNullable(ownerId);
    }
}
