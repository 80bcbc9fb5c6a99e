package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One stage of an organisation's sales pipeline, at a position. */
@Entity
@Table(schema = "crm", name = "pipeline_stage")
public class PipelineStage {
    /** The stages a new organisation starts with. */
    public static final List<String> DEFAULTS =
            List.of("Qualification", "Needs analysis", "Proposal", "Negotiation", "Closed won", "Closed lost");
    /** The default stages in Japanese; the shell's {@code i18n.js} shows them with the same words. */
    private static final Map<String, String> DEFAULTS_IN_JAPANESE = Map.of("Qualification", "見込み評価",
            "Needs analysis", "ニーズ分析", "Proposal", "提案", "Negotiation", "交渉", "Closed won", "受注", "Closed lost", "失注");

    /** A stage's name for readers of {@code language}: a default stage translated, one the organisation named as named. */
    public static String labelIn(String stage, Locale language) {
        return "ja".equals(language.getLanguage()) ? DEFAULTS_IN_JAPANESE.getOrDefault(stage, stage) : stage;
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false)
    private String name;

    protected PipelineStage() {
    }

    public PipelineStage(long organisationId, int position, String name) {
        this.organisationId = organisationId;
        this.position = position;
        this.name = Fields.required("name", name, Fields.NAME_MAX);
    }

    public String name() {
        return name;
    }

    public int position() {
        return position;
    }
}
