package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * A business using the CRM. Every other record belongs to exactly one organisation and is never visible to
 * another. Its region is how phone numbers written without a country code are read, and the currency of its
 * amounts.
 */
@Entity
@Table(schema = "crm", name = "organisation")
public class Organisation {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String name;
    @Column(name = "default_region", nullable = false)
    private String defaultRegion;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Organisation() {
    }

    public Organisation(String name, String defaultRegion) {
        this.name = Fields.required("name", name, Fields.TITLE_MAX);
        this.defaultRegion = defaultRegion;
        this.createdAt = Instant.now();
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The currency amounts are in: the one of the organisation's country (yen for JP, euro for DE), if it has one. */
    public Optional<Currency> currency() {
        try {
            return Optional.ofNullable(Currency.getInstance(new Locale("", defaultRegion)));
        } catch (IllegalArgumentException notACountry) {
            return Optional.empty();
        }
    }
}
