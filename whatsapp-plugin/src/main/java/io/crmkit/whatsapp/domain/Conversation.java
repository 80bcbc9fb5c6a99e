package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A chat between one channel and one customer. Every inbound message reopens the 24-hour window in which
 * the business may answer freely, counts as unread until someone reads the chat, and moves the chat to
 * the top of the list. Its owner is the user who answers it.
 */
@Entity
@Table(schema = "whatsapp", name = "conversation")
public class Conversation {
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    private static final int PREVIEW_MAX = 200;
    private static final int CUSTOMER_NAME_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(name = "channel_id", nullable = false)
    private long channelId;
    @Column(name = "contact_id", nullable = false)
    private long contactId;
    @Column(name = "customer_key", nullable = false)
    private String customerKey;
    @Column(name = "customer_name", nullable = false)
    private String customerName;
    @Column(name = "owner_id")
    private Long ownerId;
    @Column(name = "window_expires_at")
    private Instant windowExpiresAt;
    @Column(name = "last_message_at", nullable = false)
    private Instant lastMessageAt;
    @Column(name = "last_message_preview", nullable = false)
    private String lastMessagePreview;
    /** What the customer wrote last, apart from the business's answers: the list of view-only users shows it. */
    @Column(name = "last_inbound_at")
    private Instant lastInboundAt;
    @Column(name = "last_inbound_preview", nullable = false)
    private String lastInboundPreview;
    @Column(name = "unread_count", nullable = false)
    private int unreadCount;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Conversation() {
    }

    public Conversation(long organisationId, long channelId, long contactId, String customerKey, String customerName,
                        Optional<Long> ownerId, Instant at) {
        this.organisationId = organisationId;
        this.channelId = channelId;
        this.contactId = contactId;
        this.customerKey = customerKey;
        this.customerName = BoundedText.fit(customerName, CUSTOMER_NAME_MAX);
        this.ownerId = ownerId.orElse(null);
        this.lastMessageAt = at;
        this.lastMessagePreview = "";
        this.lastInboundPreview = "";
        this.createdAt = Instant.now();
    }

    /** The customer wrote at {@code sentAt} (Meta's time): the window reopens and the chat is unread. */
    public void receive(Instant sentAt, String preview) {
        Instant expires = sentAt.plus(SERVICE_WINDOW);
        if (windowExpiresAt == null || expires.isAfter(windowExpiresAt)) {
            windowExpiresAt = expires;
        }
        unreadCount++;
        if (lastInboundAt == null || !sentAt.isBefore(lastInboundAt)) {
            lastInboundAt = sentAt;
            lastInboundPreview = BoundedText.fit(preview, PREVIEW_MAX);
        }
        showLatest(sentAt, preview);
    }

    /** A message of either side became the latest, if it is newer than what the list shows. */
    public void showLatest(Instant sentAt, String preview) {
        if (!sentAt.isBefore(lastMessageAt) || lastMessagePreview.isEmpty()) {
            lastMessageAt = sentAt.isAfter(lastMessageAt) ? sentAt : lastMessageAt;
            lastMessagePreview = BoundedText.fit(preview, PREVIEW_MAX);
        }
    }

    public void assignTo(long userId) {
        this.ownerId = userId;
    }

    public void markRead() {
        this.unreadCount = 0;
    }

    /** Marks the chat unread again so that it is not forgotten; at least one message counts as new. */
    public void markUnread() {
        this.unreadCount = Math.max(1, unreadCount);
    }

    public boolean windowOpenAt(Instant when) {
        return windowExpiresAt != null && windowExpiresAt.isAfter(when);
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public long channelId() {
        return channelId;
    }

    public long contactId() {
        return contactId;
    }

    public String customerKey() {
        return customerKey;
    }

    /**
     * The customer changed their WhatsApp number (Meta's {@code user_changed_number}) and an agent confirmed it:
     * their next messages, from the new number, continue this conversation.
     */
    public void customerNowWritesFrom(String newWaId) {
        this.customerKey = newWaId;
    }

    public CustomerAddress customer() {
        return CustomerAddress.fromKey(customerKey);
    }

    public String customerName() {
        return customerName;
    }

    public Optional<Long> ownerId() {
        return Optional.ofNullable(ownerId);
    }

    public Optional<Instant> windowExpiresAt() {
        return Optional.ofNullable(windowExpiresAt);
    }

    public Instant lastMessageAt() {
        return lastMessageAt;
    }

    public String lastMessagePreview() {
        return lastMessagePreview;
    }

    /** When the customer wrote last; empty for a chat the business started. */
    public Optional<Instant> lastInboundAt() {
        return Optional.ofNullable(lastInboundAt);
    }

    public String lastInboundPreview() {
        return lastInboundPreview;
    }

    public int unreadCount() {
        return unreadCount;
    }
}
