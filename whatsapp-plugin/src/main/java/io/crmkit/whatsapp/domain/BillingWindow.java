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
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A paid or counted conversation in one chat: from its first message for its coverage (24 hours per conversation,
 * none per message). Its credits are reserved when it opens, charged once Meta confirms one of its messages, and
 * released when Meta refused them all; a released window no longer covers anything.
 */
@Entity
@Table(schema = "whatsapp", name = "billing_window")
public class BillingWindow {

    public enum State {
        /** Credits reserved; no message confirmed yet. */
        RESERVED,
        CHARGED,
        /** Every message failed: the credits went back and the window was closed. */
        RELEASED,
        /** Counted against the free allowance, or priced at nothing. */
        FREE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(name = "conversation_id", nullable = false)
    private long conversationId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChargeCategory category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(nullable = false)
    private BigDecimal credits;
    @Column(name = "country_code")
    private String countryCode;
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;
    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    protected BillingWindow() {
    }

    private BillingWindow(long organisationId, long conversationId, ChargeCategory category, State state,
                          BigDecimal credits, Optional<String> countryCode, Instant openedAt, Duration coverage) {
        this.organisationId = organisationId;
        this.conversationId = conversationId;
        this.category = category;
        this.state = state;
        this.credits = credits;
        this.countryCode = countryCode.orElse(null);
        this.openedAt = openedAt;
        this.endsAt = openedAt.plus(coverage);
    }

    /** A conversation whose credits are about to be reserved; one priced at nothing is free at once. */
    public static BillingWindow paid(long organisationId, long conversationId, SendCost.Priced cost,
                                     Optional<String> countryCode, Instant now) {
        return new BillingWindow(organisationId, conversationId, cost.category(),
                cost.credits().signum() == 0 ? State.FREE : State.RESERVED, cost.credits(), countryCode, now, cost.coverage());
    }

    /** A service conversation counted against the month's free allowance. */
    public static BillingWindow countedFree(long organisationId, long conversationId, Optional<String> countryCode,
                                            Instant now) {
        return new BillingWindow(organisationId, conversationId, ChargeCategory.SERVICE, State.FREE, BigDecimal.ZERO,
                countryCode, now, PriceList.CONVERSATION_LENGTH);
    }

    /** Meta confirmed one of its messages: answers whether its reservation becomes a charge now (only the first time). */
    public boolean charge() {
        if (state != State.RESERVED) {
            return false;
        }
        state = State.CHARGED;
        return true;
    }

    /** Meta refused every one of its messages: answers whether its credits go back now (only the first time). */
    public boolean release(Instant now) {
        if (state != State.RESERVED) {
            return false;
        }
        state = State.RELEASED;
        endsAt = now.isBefore(endsAt) ? now : endsAt;
        return true;
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public long conversationId() {
        return conversationId;
    }

    public ChargeCategory category() {
        return category;
    }

    public State state() {
        return state;
    }

    public BigDecimal credits() {
        return credits;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant endsAt() {
        return endsAt;
    }
}
