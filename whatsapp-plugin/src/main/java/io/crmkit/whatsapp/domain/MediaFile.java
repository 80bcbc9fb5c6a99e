package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The file of a message. A customer's file is expected when its message arrives, downloaded from Meta apart
 * from the message (each failed attempt waits twice as long as the one before; after the last, it is FAILED until a
 * user retries it). A user's file is kept with its message from the start and uploaded to Meta when the message
 * is sent; Meta's copy is forgotten when the message is sent again, as Meta keeps files 30 days only.
 *
 * <p>The bytes themselves are not part of the entity: they are streamed in and out by the repository.
 */
@Entity
@Table(schema = "whatsapp", name = "media_file")
public class MediaFile {
    private static final int ERROR_MAX = 1000;

    /** Where the file is: expected from Meta, here, or given up on until a user retries. */
    public enum State {
        /** A customer's file still to be downloaded from Meta. */
        PENDING,
        /** The bytes are here: downloaded, or attached by a user. */
        DOWNLOADED,
        /** Every download attempt failed; a user may retry it. */
        FAILED
    }

    @Id
    @Column(name = "message_id")
    private long messageId;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(name = "channel_id", nullable = false)
    private long channelId;
    /** Meta's id of the file: the customer's file to download, or ours once uploaded. */
    @Column(name = "media_id")
    private String mediaId;
    @Column(name = "mime_type", nullable = false)
    private String mimeType;
    @Column(name = "file_name")
    private String fileName;
    private Long size;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;

    protected MediaFile() {
    }

    /** A customer's file, to download from Meta as soon as possible. */
    public static MediaFile expected(long messageId, long organisationId, long channelId, String mediaId, String mimeType,
                                     Optional<String> fileName, Instant now) {
        MediaFile file = new MediaFile();
        file.messageId = messageId;
        file.organisationId = organisationId;
        file.channelId = channelId;
        file.mediaId = mediaId;
        file.mimeType = mimeType;
        file.fileName = fileName.orElse(null);
        file.state = State.PENDING;
        file.nextAttemptAt = now;
        return file;
    }

    /** A file a user attached to an answer; its bytes are stored with it. */
    public static MediaFile attached(long messageId, long organisationId, long channelId, Attachment attachment,
                                     Instant now) {
        MediaFile file = new MediaFile();
        file.messageId = messageId;
        file.organisationId = organisationId;
        file.channelId = channelId;
        file.mimeType = attachment.format().mimeType();
        file.fileName = attachment.fileName();
        file.size = attachment.size();
        file.state = State.DOWNLOADED;
        file.nextAttemptAt = now;
        return file;
    }

    /** The bytes arrived (Meta may name the type more exactly than the webhook did). */
    public void downloaded(String actualMimeType, long bytes) {
        this.attempts++;
        this.mimeType = actualMimeType;
        this.size = bytes;
        this.state = State.DOWNLOADED;
        this.lastError = null;
    }

    /**
     * An attempt failed: the next one waits {@code firstDelay} doubled for each earlier failure; the
     * {@code maxAttempts}th failure gives up.
     */
    public void downloadFailed(String reason, Instant now, int maxAttempts, Duration firstDelay) {
        this.attempts++;
        this.lastError = BoundedText.fit(reason, ERROR_MAX);
        this.nextAttemptAt = now.plus(firstDelay.multipliedBy(1L << Math.min(attempts - 1, 10)));
        if (attempts >= maxAttempts) {
            this.state = State.FAILED;
        }
    }

    /** A user asks to try a failed download again; answers whether it had failed. */
    public boolean retryDownload(Instant now) {
        if (state != State.FAILED) {
            return false;
        }
        this.state = State.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        return true;
    }

    /** Meta took the file for sending under this id. */
    public void uploadedToMetaAs(String metaMediaId) {
        this.mediaId = metaMediaId;
    }

    /** Meta keeps a file for 30 days: a message sent again uploads it afresh. */
    public void forgetMetaCopy() {
        this.mediaId = null;
    }

    public long messageId() {
        return messageId;
    }

    public long organisationId() {
        return organisationId;
    }

    public long channelId() {
        return channelId;
    }

    public Optional<String> metaMediaId() {
        return Optional.ofNullable(mediaId);
    }

    public String mimeType() {
        return mimeType;
    }

    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    public Optional<Long> size() {
        return Optional.ofNullable(size);
    }

    public State state() {
        return state;
    }

    public boolean isHere() {
        return state == State.DOWNLOADED;
    }
}
