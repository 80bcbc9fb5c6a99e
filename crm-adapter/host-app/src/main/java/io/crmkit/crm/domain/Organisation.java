package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A business using the CRM. Every other record belongs to exactly one organisation and is never visible to
 * another. Its region is how phone numbers written without a country code are read, and the currency of its
 * amounts.
 */
@Entity
@Table(schema = "crm", name = "organisation")
public class Organisation {
    private static final Map<String, String> SINGLE_ZONE_COUNTRIES = Map.ofEntries(Map.entry("JP", "Asia/Tokyo"),
            Map.entry("KR", "Asia/Seoul"), Map.entry("CN", "Asia/Shanghai"), Map.entry("TW", "Asia/Taipei"),
            Map.entry("HK", "Asia/Hong_Kong"), Map.entry("SG", "Asia/Singapore"), Map.entry("IN", "Asia/Kolkata"),
            Map.entry("TH", "Asia/Bangkok"), Map.entry("VN", "Asia/Ho_Chi_Minh"), Map.entry("PH", "Asia/Manila"),
            Map.entry("AE", "Asia/Dubai"), Map.entry("SA", "Asia/Riyadh"), Map.entry("IL", "Asia/Jerusalem"),
            Map.entry("GB", "Europe/London"), Map.entry("IE", "Europe/Dublin"), Map.entry("DE", "Europe/Berlin"),
            Map.entry("FR", "Europe/Paris"), Map.entry("ES", "Europe/Madrid"), Map.entry("IT", "Europe/Rome"),
            Map.entry("NL", "Europe/Amsterdam"), Map.entry("CH", "Europe/Zurich"), Map.entry("EG", "Africa/Cairo"),
            Map.entry("NG", "Africa/Lagos"), Map.entry("ZA", "Africa/Johannesburg"), Map.entry("NZ", "Pacific/Auckland"));

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

    /**
     * Where the organisation's days begin: the time zone of its country when the country has one. A country spread
     * over several (the United States, Brazil) counts in UTC until the CRM lets an administrator choose.
     */
    public ZoneId timeZone() {
        return Optional.ofNullable(SINGLE_ZONE_COUNTRIES.get(defaultRegion)).map(ZoneId::of).orElse(ZoneOffset.UTC);
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
