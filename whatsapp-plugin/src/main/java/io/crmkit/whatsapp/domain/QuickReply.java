package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A predefined reply: agents type its {@code /shortcut} in the composer to insert its text. The text may
 * hold merge fields such as {@code #Contacts.First Name#}, filled from the contact when sent.
 */
@Entity
@Table(schema = "whatsapp", name = "quick_reply")
public class QuickReply {
    public static final int TEXT_MAX = 4096;
    /** A slash and a word in any script: {@code /hours}, {@code /お礼}, {@code /شكرا}. */
    private static final Pattern SHORTCUT = Pattern.compile("/[\\p{L}\\p{M}\\p{N}_-]{1,30}");
    private static final Pattern MERGE_FIELD = Pattern.compile("#[^#\\n]{1,60}#");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false)
    private String shortcut;
    @Column(nullable = false)
    private String text;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected QuickReply() {
    }

    public QuickReply(long organisationId, String shortcut, String text) {
        this.organisationId = organisationId;
        rewrite(shortcut, text);
        this.createdAt = Instant.now();
    }

    public void rewrite(String newShortcut, String newText) {
        String trimmedShortcut = newShortcut == null ? "" : newShortcut.strip().toLowerCase(Locale.ROOT);
        if (!SHORTCUT.matcher(trimmedShortcut).matches()) {
            throw Refusal.invalid("shortcut", RefusalText.SHORTCUT_FORM);
        }
        String trimmedText = newText == null ? "" : newText.strip();
        if (trimmedText.isEmpty()) {
            throw Refusal.invalid("text", RefusalText.REQUIRED, "text");
        }
        if (trimmedText.length() > TEXT_MAX) {
            throw Refusal.invalid("text", RefusalText.QUICK_REPLY_TOO_LONG, TEXT_MAX);
        }
        Matcher fields = MERGE_FIELD.matcher(trimmedText);
        while (fields.find()) {
            if (MergeField.ofToken(fields.group()).isEmpty()) {
                throw Refusal.invalid("text", RefusalText.NOT_A_MERGE_FIELD, fields.group(),
                        String.join(", ", MergeField.tokens()));
            }
        }
        this.shortcut = trimmedShortcut;
        this.text = trimmedText;
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public String shortcut() {
        return shortcut;
    }

    public String text() {
        return text;
    }
}
