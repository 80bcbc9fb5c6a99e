package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message template of a WhatsApp Business Account: what it says, and where it stands in Meta's review. Only an
 * approved template may start a chat or reopen one whose 24-hour window has closed.
 */
@Entity
@Table(schema = "whatsapp", name = "template")
public class Template {
    /** The plugin's limit of templates an account, counting approved, rejected and pending ones alike. */
    public static final int PER_ACCOUNT_MAX = 200;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z][A-Za-z0-9]{1,3})?");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(name = "waba_id", nullable = false)
    private String wabaId;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String language;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TemplateCategory category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TemplateStatus status;
    @Column(nullable = false)
    private TemplateContent content;
    @Column(name = "meta_template_id")
    private String metaTemplateId;
    @Column(name = "status_reason")
    private String statusReason;
    private String recommendation;
    private String quality;
    @Enumerated(EnumType.STRING)
    @Column(name = "previous_category")
    private TemplateCategory previousCategory;
    @Column(name = "paused_until")
    private Instant pausedUntil;
    @Column(name = "created_by")
    private Long createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Template() {
    }

    private Template(long organisationId, String wabaId, String name, String language, TemplateCategory category,
                     TemplateContent content, TemplateStatus status, Instant at) {
        this.organisationId = organisationId;
        this.wabaId = Objects.requireNonNull(wabaId);
        this.name = name;
        this.language = language;
        this.category = category;
        this.content = content;
        this.status = status;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /**
     * A template an administrator wrote, not yet submitted to Meta.
     *
     * @throws Refusal {@code INVALID_TEMPLATE} for a name, language or category Meta would refuse
     */
    public static Template written(long organisationId, String wabaId, String name, String language,
                                   TemplateCategory category, TemplateContent content, long author, Instant at) {
        String checkedName = name == null ? "" : name.strip();
        if (!NAME.matcher(checkedName).matches()) {
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "name", RefusalText.TEMPLATE_NAME_FORM);
        }
        if (category == null || !category.createdHere()) {
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "category", RefusalText.TEMPLATE_CATEGORY);
        }
        Template template = new Template(organisationId, wabaId, checkedName, checkedLanguage(language), category, content,
                TemplateStatus.PENDING, at);
        template.createdBy = author;
        return template;
    }

    /** A template that exists at Meta, created there or elsewhere. */
    public static Template imported(long organisationId, String wabaId, String metaTemplateId, String name,
                                    String language, TemplateCategory category, TemplateStatus status,
                                    TemplateContent content, Instant at) {
        Template template = new Template(organisationId, wabaId, name, normalisedLanguage(language), category, content,
                status, at);
        template.metaTemplateId = metaTemplateId;
        return template;
    }

    /**
     * Meta writes a language {@code en_US} and sometimes {@code en-US}; the plugin keeps {@code en_US}.
     */
    public static String normalisedLanguage(String code) {
        String[] parts = (code == null ? "" : code.strip()).replace('-', '_').split("_", 2);
        return parts.length == 1 ? parts[0].toLowerCase(Locale.ROOT)
                : parts[0].toLowerCase(Locale.ROOT) + "_" + parts[1].toUpperCase(Locale.ROOT);
    }

    private static String checkedLanguage(String code) {
        String normalised = normalisedLanguage(code);
        if (!LANGUAGE.matcher(normalised).matches()) {
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "language", RefusalText.TEMPLATE_LANGUAGE_FORM,
                    code == null ? "" : code);
        }
        return normalised;
    }

    /** Meta took the template for review under this id. */
    public void submittedAs(String metaId, Instant at) {
        this.metaTemplateId = metaId;
        this.status = TemplateStatus.PENDING;
        this.updatedAt = at;
    }

    /** New content, sent to Meta for review again (Meta allows editing approved, rejected and paused templates). */
    public void rewrite(TemplateContent newContent, TemplateCategory newCategory, Instant at) {
        if (newCategory == null || !newCategory.createdHere()) {
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "category", RefusalText.TEMPLATE_CATEGORY);
        }
        this.content = newContent;
        this.category = newCategory;
        this.status = TemplateStatus.PENDING;
        this.statusReason = null;
        this.recommendation = null;
        this.updatedAt = at;
    }

    /**
     * Meta's review moved the template: approved, rejected with a reason and advice, paused (3 h the first time,
     * 6 h the second), disabled or flagged. Approval clears an earlier reason and pause.
     */
    public void reviewed(TemplateStatus newStatus, Optional<String> reason, Optional<String> advice, Instant at) {
        this.status = newStatus;
        this.statusReason = reason.filter(r -> !r.isBlank() && !"NONE".equals(r)).orElse(null);
        this.recommendation = advice.filter(a -> !a.isBlank()).orElse(null);
        this.pausedUntil = newStatus == TemplateStatus.PAUSED ? at.plus(pauseAfter(at)) : null;
        this.updatedAt = at;
    }

    /** Meta pauses a template for 3 hours, and for 6 when it was paused before. */
    private Duration pauseAfter(Instant at) {
        return pausedUntil != null ? Duration.ofHours(6) : Duration.ofHours(3);
    }

    /** Meta moved the template to another category (it may do so instead of rejecting). */
    public void recategorised(TemplateCategory newCategory, Instant at) {
        if (newCategory != category) {
            this.previousCategory = category;
            this.category = newCategory;
            this.updatedAt = at;
        }
    }

    public void qualityRated(String score, Instant at) {
        this.quality = score;
        this.updatedAt = at;
    }

    /** What Meta lists now, for a template known here: status, category and, for one imported, its content. */
    public void refreshedFromMeta(String metaId, TemplateStatus listedStatus, TemplateCategory listedCategory,
                                  TemplateContent listedContent, Instant at) {
        this.metaTemplateId = metaId;
        if (listedStatus != status) {
            this.status = listedStatus;
            if (listedStatus.sendable()) {
                this.statusReason = null;
                this.recommendation = null;
                this.pausedUntil = null;
            }
        }
        recategorised(listedCategory, at);
        if (content.syntax() == TemplateContent.Syntax.META) {
            this.content = listedContent;
        }
        this.updatedAt = at;
    }

    /** @throws Refusal {@code TEMPLATE_NOT_APPROVED} unless Meta approved the template */
    public void requireSendable() {
        if (!status.sendable()) {
            throw new Refusal(ProblemCode.TEMPLATE_NOT_APPROVED, RefusalText.TEMPLATE_NOT_APPROVED, name,
                    status.name());
        }
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public String wabaId() {
        return wabaId;
    }

    public String name() {
        return name;
    }

    public String language() {
        return language;
    }

    public TemplateCategory category() {
        return category;
    }

    public TemplateStatus status() {
        return status;
    }

    public TemplateContent content() {
        return content;
    }

    public Optional<String> metaTemplateId() {
        return Optional.ofNullable(metaTemplateId);
    }

    public Optional<String> statusReason() {
        return Optional.ofNullable(statusReason);
    }

    public Optional<String> recommendation() {
        return Optional.ofNullable(recommendation);
    }

    public Optional<String> quality() {
        return Optional.ofNullable(quality);
    }

    public Optional<TemplateCategory> previousCategory() {
        return Optional.ofNullable(previousCategory);
    }

    public Optional<Instant> pausedUntil() {
        return Optional.ofNullable(pausedUntil);
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
