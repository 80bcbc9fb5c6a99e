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
 * One line of an organisation's credit ledger, never changed once written. Each carries the balance after it,
 * computed from the line before while the organisation's account is locked, so the balance is derived from the lines
 * and can never go below zero. Each has an idempotency key, unique in its organisation: the same purchase, reservation,
 * charge or release is written once however often it is attempted.
 */
@Entity
@Table(schema = "whatsapp", name = "credit_entry")
public class LedgerEntry {

    public enum Kind {
        /** Credits bought by an administrator. */
        PURCHASE,
        /** Credits bought by auto-recharge. */
        AUTO_RECHARGE,
        /** Credits set aside for a send before it reaches Meta. */
        RESERVATION,
        /** A reservation kept: Meta confirmed the message. Changes nothing more in the balance. */
        CHARGE,
        /** A reservation given back: Meta refused the message. */
        RELEASE,
        /** Credits given back after a charge. */
        REFUND
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;
    @Column(nullable = false)
    private BigDecimal credits;
    @Column(name = "balance_change", nullable = false)
    private BigDecimal balanceChange;
    @Column(name = "balance_after", nullable = false)
    private BigDecimal balanceAfter;
    @Column(name = "idempotency_key", nullable = false)
    private String idempotencyKey;
    @Enumerated(EnumType.STRING)
    private ChargeCategory category;
    @Column(name = "billing_window_id")
    private Long billingWindowId;
    @Column(name = "top_up_id")
    private Long topUpId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LedgerEntry() {
    }

    private LedgerEntry(long organisationId, Kind kind, BigDecimal credits, BigDecimal balanceChange, BigDecimal balanceBefore,
                        String idempotencyKey, Optional<ChargeCategory> category, Optional<Long> billingWindowId,
                        Optional<Long> topUpId, Instant now) {
        this.organisationId = organisationId;
        this.kind = kind;
        this.credits = credits;
        this.balanceChange = balanceChange;
        this.balanceAfter = balanceBefore.add(balanceChange);
        this.idempotencyKey = idempotencyKey;
        this.category = category.orElse(null);
        this.billingWindowId = billingWindowId.orElse(null);
        this.topUpId = topUpId.orElse(null);
        this.createdAt = now;
    }

    /** Credits bought, by hand or by auto-recharge, once per purchase. */
    public static LedgerEntry bought(TopUp topUp, BigDecimal balanceBefore, Instant now) {
        return new LedgerEntry(topUp.organisationId(), topUp.automatic() ? Kind.AUTO_RECHARGE : Kind.PURCHASE,
                topUp.credits(), topUp.credits(), balanceBefore, "top-up:" + topUp.id(), Optional.empty(), Optional.empty(),
                Optional.of(topUp.id()), now);
    }

    /**
     * Sets a conversation's credits aside before its first message is queued.
     *
     * @throws Refusal {@link ProblemCode#INSUFFICIENT_CREDITS} when the balance does not cover them
     */
    public static LedgerEntry reservation(BillingWindow window, BigDecimal balanceBefore, Instant now) {
        if (balanceBefore.compareTo(window.credits()) < 0) {
            throw new Refusal(ProblemCode.INSUFFICIENT_CREDITS, RefusalText.INSUFFICIENT_CREDITS, shown(window.credits()),
                    shown(balanceBefore));
        }
        return forWindow(Kind.RESERVATION, window, window.credits().negate(), balanceBefore, now);
    }

    public static LedgerEntry charge(BillingWindow window, BigDecimal balanceBefore, Instant now) {
        return forWindow(Kind.CHARGE, window, BigDecimal.ZERO, balanceBefore, now);
    }

    public static LedgerEntry release(BillingWindow window, BigDecimal balanceBefore, Instant now) {
        return forWindow(Kind.RELEASE, window, window.credits(), balanceBefore, now);
    }

    private static LedgerEntry forWindow(Kind kind, BillingWindow window, BigDecimal change, BigDecimal balanceBefore,
                                         Instant now) {
        return new LedgerEntry(window.organisationId(), kind, window.credits(), change, balanceBefore,
                kind.name().toLowerCase(java.util.Locale.ROOT) + ":window:" + window.id(), Optional.of(window.category()),
                Optional.of(window.id()), Optional.empty(), now);
    }

    /** Credits as people read them: no trailing zeros ("1", "0.25"). */
    public static String shown(BigDecimal credits) {
        return credits.stripTrailingZeros().toPlainString();
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public Kind kind() {
        return kind;
    }

    public BigDecimal credits() {
        return credits;
    }

    public BigDecimal balanceChange() {
        return balanceChange;
    }

    public BigDecimal balanceAfter() {
        return balanceAfter;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Optional<ChargeCategory> category() {
        return Optional.ofNullable(category);
    }

    public Optional<Long> billingWindowId() {
        return Optional.ofNullable(billingWindowId);
    }

    public Optional<Long> topUpId() {
        return Optional.ofNullable(topUpId);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
