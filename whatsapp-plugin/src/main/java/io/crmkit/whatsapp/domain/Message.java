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
 * One message of a conversation, inbound or outbound, at Meta's time, with its {@link MessageDetails} (file,
 * place, quoted message, reaction ...); its status only moves forward (see {@link DeliveryStatus}).
 */
@Entity
@Table(schema = "whatsapp", name = "message")
public class Message {
    private static final int ERROR_DETAIL_MAX = 1000;

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
    @Column(name = "details")
    private MessageDetails details;
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
    /** The plugin's own id of an outbound message, sent as {@code biz_opaque_callback_data} and echoed in statuses. */
    @Column(name = "reference_id")
    private String referenceId;
    @Column(name = "author_id")
    private Long authorId;
    @Column(name = "context_wamid")
    private String contextWamid;
    @Column(name = "dispatch_after")
    private Instant dispatchAfter;
    /** When a dispatcher claimed it; the claim lapses after a while, should that dispatcher's node die. */
    @Column(name = "claimed_at")
    private Instant claimedAt;
    /** When a dispatcher began handing it to Meta; from then on only Meta's answer or statuses settle it. */
    @Column(name = "dispatching_since")
    private Instant dispatchingSince;
    @Column(name = "send_attempts", nullable = false)
    private int sendAttempts;
    @Column(name = "pair_limit_holds", nullable = false)
    private int pairLimitHolds;
    /** It failed because Meta neither answered nor sent a status: it may have reached the customer. */
    @Column(name = "outcome_unknown", nullable = false)
    private boolean outcomeUnknown;
    /** The paid or counted conversation it was sent in, if any. */
    @Column(name = "billing_window_id")
    private Long billingWindowId;
    @Column(name = "meta_pricing_category")
    private String metaPricingCategory;
    @Column(name = "meta_pricing_type")
    private String metaPricingType;
    @Column(name = "meta_billable")
    private Boolean metaBillable;
    @Column(name = "meta_pricing_model")
    private String metaPricingModel;

    protected Message() {
    }

    /**
     * An answer a user wrote, queued for sending; it is committed before anything is sent to Meta.
     *
     * @param type        {@code text}, or the kind of an attached file ({@code image}, {@code document} ...)
     * @param text        the text, or the file's caption
     * @param details     the quoted message, the file's name
     */
    public static Message queued(long organisationId, long conversationId, String type, Optional<String> text,
                                 MessageDetails details, Optional<String> quotedWamid, long authorId, Instant at) {
        Message message = new Message();
        message.organisationId = organisationId;
        message.conversationId = conversationId;
        message.direction = Direction.OUT;
        message.type = type;
        message.text = text.orElse(null);
        message.details = details;
        message.contextWamid = quotedWamid.orElse(null);
        message.status = DeliveryStatus.QUEUED;
        message.statusAt = at;
        message.sentAt = at;
        message.createdAt = at;
        message.authorId = authorId;
        message.referenceId = java.util.UUID.randomUUID().toString();
        message.dispatchAfter = at;
        return message;
    }

    /** Meta accepted the message under this id; it counts as sent unless a status already moved it further. */
    public void acceptedAs(String newWamid, Instant at) {
        this.wamid = newWamid;
        releaseFromDispatch();
        if (status == DeliveryStatus.FAILED && outcomeUnknown) {
            // Meta's late answer proves it was sent after all.
            this.status = DeliveryStatus.QUEUED;
            this.errorDetail = null;
            this.outcomeUnknown = false;
        }
        advanceTo(DeliveryStatus.SENT, at, Optional.empty(), Optional.empty());
    }

    private void releaseFromDispatch() {
        this.claimedAt = null;
        this.dispatchingSince = null;
    }

    /**
     * It was handed to the dispatcher but Meta was not called (the number's pace was spent, or calls to Meta were
     * held back): it waits its turn, and the hand-over does not count as an attempt.
     */
    public void postponeUnsent(Instant after) {
        requeue(after);
        sendAttempts = Math.max(0, sendAttempts - 1);
    }

    /** Meta certainly did not take it (it answered with a passing error): try again after a while. */
    public void requeue(Instant after) {
        releaseFromDispatch();
        this.dispatchAfter = after;
    }

    /**
     * Meta refused it because the customer was messaged too often (pair limit): it waits {@code 4^n} times
     * {@code unit}, n being the holds so far, and answers whether it may still wait ({@code holdsAllowed}).
     */
    public boolean holdForPairLimit(Instant now, java.time.Duration unit, int holdsAllowed) {
        if (pairLimitHolds >= holdsAllowed) {
            return false;
        }
        requeue(now.plus(unit.multipliedBy(1L << (2 * pairLimitHolds))));
        pairLimitHolds++;
        return true;
    }

    /** When the dispatcher may try it next. */
    public Instant dispatchAfter() {
        return dispatchAfter;
    }

    /**
     * Meta neither answered nor sent any status for it: whether the customer received it cannot be known. It fails
     * rather than risk a second copy, and a late status of Meta's still moves it on.
     */
    public void giveUpAsOutcomeUnknown(Instant at) {
        if (status != DeliveryStatus.QUEUED) {
            return;
        }
        fail(Optional.empty(), "Meta did not answer and sent no status, so it is unknown whether the customer"
                + " received this message. Check the chat on the phone before sending it again.", at);
        this.outcomeUnknown = true;
    }

    /** Whether it failed because Meta's answer never came (see {@link #giveUpAsOutcomeUnknown}). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** Meta refused it, or it cannot be sent: the user sees why and may retry. */
    public void fail(Optional<Integer> code, String detail, Instant at) {
        if (status != DeliveryStatus.QUEUED) {
            return;
        }
        releaseFromDispatch();
        this.status = DeliveryStatus.FAILED;
        this.statusAt = at;
        this.errorCode = code.orElse(null);
        this.errorDetail = BoundedText.fit(detail, ERROR_DETAIL_MAX);
    }

    /** A user sends a failed message again: a new reference, so it can never be mistaken for the first try. */
    public void retry(Instant at) {
        if (direction != Direction.OUT || status != DeliveryStatus.FAILED) {
            throw Refusal.invalid("messageId", RefusalText.ONLY_FAILED_RESENT);
        }
        this.status = DeliveryStatus.QUEUED;
        this.statusAt = at;
        this.errorCode = null;
        this.errorDetail = null;
        this.wamid = null;
        this.referenceId = java.util.UUID.randomUUID().toString();
        this.dispatchAfter = at;
        this.sendAttempts = 0;
        this.pairLimitHolds = 0;
        this.outcomeUnknown = false;
    }

    public long organisationIdForEvents() {
        return organisationId;
    }

    public Optional<String> referenceId() {
        return Optional.ofNullable(referenceId);
    }

    public Optional<String> contextWamid() {
        return Optional.ofNullable(contextWamid);
    }

    /** The user who wrote an outbound message. */
    public Optional<Long> authorId() {
        return Optional.ofNullable(authorId);
    }

    public int sendAttempts() {
        return sendAttempts;
    }

    /** A message the customer sent. */
    public static Message received(long organisationId, long conversationId, String type, String wamid, String text,
                                   MessageDetails details, Instant sentAt) {
        Message message = new Message();
        message.organisationId = organisationId;
        message.conversationId = conversationId;
        message.direction = Direction.IN;
        message.type = type;
        message.wamid = wamid;
        message.text = text;
        message.details = details;
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
            this.errorDetail = errorDetail.map(d -> BoundedText.fit(d, ERROR_DETAIL_MAX)).orElse(null);
        }
        return true;
    }

    /** The customer reacted to it with this emoji; an empty one takes the reaction back. */
    public void reactedTo(Optional<String> emoji) {
        this.details = details().withReaction(emoji);
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

    public MessageDetails details() {
        return details == null ? MessageDetails.NONE : details;
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

    /** Sent in a paid or counted conversation: Meta's confirmation of it charges that conversation. */
    public void billedIn(BillingWindow window) {
        this.billingWindowId = window.id();
    }

    public Optional<Long> billingWindowId() {
        return Optional.ofNullable(billingWindowId);
    }

    /** Keeps what Meta says it bills for the message; a later status without pricing keeps what an earlier one said. */
    public void billedByMetaAs(MetaPricing pricing) {
        pricing.category().ifPresent(value -> metaPricingCategory = value);
        pricing.type().ifPresent(value -> metaPricingType = value);
        pricing.billable().ifPresent(value -> metaBillable = value);
        pricing.model().ifPresent(value -> metaPricingModel = value);
    }

    public MetaPricing metaPricing() {
        return new MetaPricing(Optional.ofNullable(metaPricingCategory), Optional.ofNullable(metaPricingType),
                Optional.ofNullable(metaBillable), Optional.ofNullable(metaPricingModel));
    }
}
