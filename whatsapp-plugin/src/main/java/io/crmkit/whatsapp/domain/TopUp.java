package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Credits being bought, by an administrator or by auto-recharge, and paid through the host. It is PENDING from the
 * moment it is decided until the host answers. Asking the host again after no answer (a timeout, a crash) sends the
 * same payment key, so it is paid at most once; only a retry after a decline, which took no money, sends a new one.
 * While an automatic one is pending no other starts.
 */
@Entity
@Table(schema = "whatsapp", name = "credit_top_up")
public class TopUp {

    public enum Trigger {
        MANUAL,
        AUTO
    }

    public enum State {
        PENDING,
        PAID,
        DECLINED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Enumerated(EnumType.STRING)
    @Column(name = "trigger", nullable = false)
    private Trigger trigger;
    @Column(nullable = false)
    private BigDecimal credits;
    @Column(name = "amount_usd", nullable = false)
    private BigDecimal amountUsd;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(name = "idempotency_key", nullable = false)
    private String idempotencyKey;
    @Column(name = "payment_id")
    private String paymentId;
    @Column(name = "decline_reason")
    private String declineReason;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "requested_by")
    private Long requestedBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "settled_at")
    private Instant settledAt;

    protected TopUp() {
    }

    private TopUp(long organisationId, Trigger trigger, BigDecimal credits, BigDecimal amountUsd, String idempotencyKey,
                  Optional<Long> requestedBy, Instant now) {
        this.organisationId = organisationId;
        this.trigger = trigger;
        this.credits = credits;
        this.amountUsd = amountUsd;
        this.state = State.PENDING;
        this.attempts = 1;
        this.idempotencyKey = idempotencyKey;
        this.requestedBy = requestedBy.orElse(null);
        this.createdAt = now;
    }

    /**
     * @param idempotencyKey the client's key for this purchase, so that a purchase sent twice is bought once
     */
    public static TopUp bought(long organisationId, long administratorId, BigDecimal credits, PriceList prices,
                               String idempotencyKey, Instant now) {
        return new TopUp(organisationId, Trigger.MANUAL, credits, prices.dollarsFor(credits),
                "purchase:" + organisationId + ":" + idempotencyKey, Optional.of(administratorId), now);
    }

    public static TopUp recharge(long organisationId, BigDecimal credits, PriceList prices, Instant now) {
        return new TopUp(organisationId, Trigger.AUTO, credits, prices.dollarsFor(credits),
                "recharge:" + organisationId + ":" + java.util.UUID.randomUUID(), Optional.empty(), now);
    }

    /** The key the host sees: the same for every call of one attempt, a new one for a retry after a decline. */
    public String paymentKey() {
        return idempotencyKey + "/" + attempts;
    }

    public void paid(String paymentId, Instant now) {
        this.state = State.PAID;
        this.paymentId = paymentId;
        this.declineReason = null;
        this.settledAt = now;
    }

    public void declined(String reason, Instant now) {
        this.state = State.DECLINED;
        this.declineReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        this.settledAt = now;
    }

    /** A declined purchase tried again, as a new attempt: the decline took no money. */
    public void retry() {
        if (state != State.DECLINED) {
            throw Refusal.invalid("id", RefusalText.TOP_UP_NOT_RETRIABLE, id);
        }
        state = State.PENDING;
        attempts++;
        settledAt = null;
    }

    public boolean automatic() {
        return trigger == Trigger.AUTO;
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public Trigger trigger() {
        return trigger;
    }

    public BigDecimal credits() {
        return credits;
    }

    public BigDecimal amountUsd() {
        return amountUsd;
    }

    public State state() {
        return state;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Optional<String> paymentId() {
        return Optional.ofNullable(paymentId);
    }

    public Optional<String> declineReason() {
        return Optional.ofNullable(declineReason);
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> settledAt() {
        return Optional.ofNullable(settledAt);
    }
}
