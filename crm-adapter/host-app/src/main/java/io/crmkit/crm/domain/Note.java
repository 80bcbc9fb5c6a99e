package io.crmkit.crm.domain;

import io.crmkit.plugin.api.RecordModule;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A dated text a user wrote on a contact, company or pipeline record. Notes are never edited. */
@Entity
@Table(schema = "crm", name = "note")
public class Note {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecordModule module;
    @Column(name = "record_id", nullable = false)
    private long recordId;
    @Column(nullable = false)
    private String text;
    @Column(name = "author_id", nullable = false)
    private long authorId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Note() {
    }

    public Note(long organisationId, RecordModule module, long recordId, String text, long authorId) {
        this.organisationId = organisationId;
        this.module = module;
        this.recordId = recordId;
        this.text = Fields.required("text", text, Fields.NOTE_MAX);
        this.authorId = authorId;
        this.createdAt = Instant.now();
    }

    public long id() {
        return id;
    }

    public RecordModule module() {
        return module;
    }

    public long recordId() {
        return recordId;
    }

    public String text() {
        return text;
    }

    public long authorId() {
        return authorId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
