package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * One message of a conversation, inbound or outbound, at Meta's time. Its details (media, location,
 * quoted message, reaction ...) are kept as JSON; its status only moves forward (see {@link DeliveryStatus}).
 */
@Entity
@Table(schema = "whatsapp", name = "message")
public class Message {
    public enum Direction { IN, OUT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(name = "conversation_id", nullable = false)
    private long conversationId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Direction direction;
    @Column(nullable = false)
    private String type;
    private String wamid;
    private String text;
    private String details;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;
    @Column(name = "status_at")
    private Instant statusAt;
    @Column(name = "error_code")
    private Integer errorCode;
    @Column(name = "error_detail")
    private String errorDetail;
    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Message() {
    }

    /** A message the customer sent. */
    public static Message received(long organisationId, long conversationId, String type, String wamid, String text,
                                   String detailsJson, Instant sentAt) {
        Message message = new Message();
        message.organisationId = organisationId;
        message.conversationId = conversationId;
        message.direction = Direction.IN;
        message.type = type;
        message.wamid = wamid;
        message.text = text;
        message.details = detailsJson;
        message.status = DeliveryStatus.RECEIVED;
        message.statusAt = sentAt;
        message.sentAt = sentAt;
        message.createdAt = Instant.now();
        return message;
    }

    /**
     * Applies a status Meta reported, if it moves the message forward; answers whether it did.
     *
     * @param errorCode Meta's code when the status is FAILED
     */
    public boolean advanceTo(DeliveryStatus next, Instant at, Optional<Integer> errorCode, Optional<String> errorDetail) {
        if (!status.canAdvanceTo(next)) {
            return false;
        }
        status = next;
        statusAt = at;
        if (next == DeliveryStatus.FAILED) {
            this.errorCode = errorCode.orElse(null);
            this.errorDetail = errorDetail.map(d -> d.length() > 1000 ? d.substring(0, 1000) : d).orElse(null);
        }
        return true;
    }

    /** Replaces the details JSON, for example when a reaction to this message arrives or is removed. */
    public void describe(String detailsJson) {
        this.details = detailsJson;
    }

    public long id() {
        return id;
    }

    public long conversationId() {
        return conversationId;
    }

    public Direction direction() {
        return direction;
    }

    public String type() {
        return type;
    }

    public Optional<String> wamid() {
        return Optional.ofNullable(wamid);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Optional<String> details() {
        return Optional.ofNullable(details);
    }

    public DeliveryStatus status() {
        return status;
    }

    public Optional<Integer> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> errorDetail() {
        return Optional.ofNullable(errorDetail);
    }

    public Instant sentAt() {
        return sentAt;
    }
}
