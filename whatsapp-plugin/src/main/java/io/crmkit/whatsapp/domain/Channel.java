package io.crmkit.whatsapp.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A WhatsApp Business phone number connected to an organisation.
 *
 * <p>Life: {@linkplain #Channel connected} with a token that Meta accepted → Meta may later refuse the
 * token ({@link #requireReauthorisation()}) until an administrator {@linkplain #reauthorise authorises again}
 * → an administrator may {@linkplain #disconnect() disconnect} it, which keeps every message; connecting the
 * same number again {@linkplain #reconnect reconnects} this channel, so its history continues. New chats
 * go to its assignees in turn.
 */
@Entity
@Table(schema = "whatsapp", name = "channel")
public class Channel {
    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Version
    private long version;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false)
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChannelMode mode;
    @Column(name = "phone_number_id", nullable = false)
    private String phoneNumberId;
    @Column(name = "waba_id", nullable = false)
    private String wabaId;
    @Column(name = "display_phone_number", nullable = false)
    private String displayPhoneNumber;
    @Column(name = "verified_name")
    private String verifiedName;
    /** The access token, encrypted (see the token cipher); never leaves the server in clear. */
    @Column(name = "access_token", nullable = false)
    private byte[] encryptedAccessToken;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChannelStatus status;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(schema = "whatsapp", name = "channel_assignee", joinColumns = @JoinColumn(name = "channel_id"))
    @OrderColumn(name = "position")
    @Column(name = "user_id")
    private List<Long> assigneeIds = new ArrayList<>();
    @Column(name = "connected_at", nullable = false)
    private Instant connectedAt;
    @Column(name = "disconnected_at")
    private Instant disconnectedAt;

    protected Channel() {
    }

    public Channel(long organisationId, String name, ChannelMode mode, MetaNumber number, byte[] encryptedAccessToken,
                   List<Long> assigneeIds, Instant at) {
        this.organisationId = organisationId;
        rename(name);
        this.mode = Objects.requireNonNull(mode);
        this.phoneNumberId = number.phoneNumberId();
        this.wabaId = number.wabaId();
        this.displayPhoneNumber = number.displayPhoneNumber();
        this.verifiedName = number.verifiedName();
        this.encryptedAccessToken = encryptedAccessToken.clone();
        assign(assigneeIds);
        this.status = ChannelStatus.CONNECTED;
        this.connectedAt = at;
    }

    /** What Meta says about a number when it is connected. */
    public record MetaNumber(String phoneNumberId, String wabaId, String displayPhoneNumber, String verifiedName) {
        public MetaNumber {
            Objects.requireNonNull(phoneNumberId);
            Objects.requireNonNull(wabaId);
            Objects.requireNonNull(displayPhoneNumber);
        }
    }

    public void rename(String newName) {
        this.name = requireValidName(newName);
    }

    /** The name trimmed, or a refusal saying what is wrong with it. */
    public static String requireValidName(String newName) {
        String trimmed = newName == null ? "" : newName.strip();
        if (trimmed.isEmpty()) {
            throw Refusal.invalid("name", RefusalText.CHANNEL_NAME_REQUIRED);
        }
        if (trimmed.length() > NAME_MAX) {
            throw Refusal.invalid("name", RefusalText.LONGER_THAN, "name", NAME_MAX);
        }
        return trimmed;
    }

    /** The users who receive new chats, in the order they take turns; at least one. */
    public void assign(List<Long> userIds) {
        this.assigneeIds = new ArrayList<>(requireValidAssignees(userIds));
    }

    /** At least one user, none twice. */
    public static List<Long> requireValidAssignees(List<Long> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            throw Refusal.invalid("assigneeIds", RefusalText.CHOOSE_ASSIGNEES);
        }
        if (userIds.stream().distinct().count() != userIds.size()) {
            throw Refusal.invalid("assigneeIds", RefusalText.ASSIGNEE_TWICE);
        }
        return userIds;
    }

    public void requireReauthorisation() {
        if (status == ChannelStatus.CONNECTED) {
            status = ChannelStatus.NEEDS_REAUTH;
        }
    }

    /** A new token that Meta accepted replaces the refused one. */
    public void reauthorise(byte[] newEncryptedToken) {
        requireNotDisconnected();
        this.encryptedAccessToken = newEncryptedToken.clone();
        this.status = ChannelStatus.CONNECTED;
    }

    public void disconnect(Instant at) {
        this.status = ChannelStatus.DISCONNECTED;
        this.disconnectedAt = at;
    }

    /** Connects the same number again, keeping the channel's history. */
    public void reconnect(String newName, ChannelMode newMode, MetaNumber number, byte[] newEncryptedToken,
                          List<Long> newAssignees, Instant at) {
        rename(newName);
        assign(newAssignees);
        this.mode = newMode;
        this.wabaId = number.wabaId();
        this.displayPhoneNumber = number.displayPhoneNumber();
        this.verifiedName = number.verifiedName();
        this.encryptedAccessToken = newEncryptedToken.clone();
        this.status = ChannelStatus.CONNECTED;
        this.connectedAt = at;
        this.disconnectedAt = null;
    }

    /**
     * @throws Refusal {@code CHANNEL_DISCONNECTED}, or {@code CHANNEL_NEEDS_REAUTH} while Meta refuses its token
     */
    public void requireAbleToSend() {
        requireNotDisconnected();
        if (status == ChannelStatus.NEEDS_REAUTH) {
            throw new Refusal(ProblemCode.CHANNEL_NEEDS_REAUTH, RefusalText.NUMBER_NEEDS_REAUTH);
        }
    }

    public void requireNotDisconnected() {
        if (status == ChannelStatus.DISCONNECTED) {
            throw new Refusal(ProblemCode.CHANNEL_DISCONNECTED, RefusalText.NUMBER_DISCONNECTED);
        }
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

    public ChannelMode mode() {
        return mode;
    }

    public String phoneNumberId() {
        return phoneNumberId;
    }

    public String wabaId() {
        return wabaId;
    }

    public String displayPhoneNumber() {
        return displayPhoneNumber;
    }

    public String verifiedName() {
        return verifiedName;
    }

    public byte[] encryptedAccessToken() {
        return encryptedAccessToken.clone();
    }

    public ChannelStatus status() {
        return status;
    }

    public List<Long> assigneeIds() {
        return List.copyOf(assigneeIds);
    }

    public Instant connectedAt() {
        return connectedAt;
    }
}
