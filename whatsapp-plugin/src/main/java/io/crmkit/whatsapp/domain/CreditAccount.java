package io.crmkit.whatsapp.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An organisation's credit account: its auto-recharge settings, and the row locked while a line of its ledger is
 * written, so that lines are written one at a time and each knows the balance before it.
 */
@Entity
@Table(schema = "whatsapp", name = "credit_account")
public class CreditAccount {
    /** The most credits bought at once, by hand or by auto-recharge. */
    public static final BigDecimal MOST_CREDITS_AT_ONCE = new BigDecimal("100000");

    @Id
    @Column(name = "organisation_id")
    private long organisationId;
    @Column(name = "auto_recharge", nullable = false)
    private boolean autoRecharge;
    @Column(name = "recharge_threshold", nullable = false)
    private BigDecimal rechargeThreshold;
    @Column(name = "recharge_credits", nullable = false)
    private BigDecimal rechargeCredits;
    @Column(name = "recharge_monthly_cap")
    private BigDecimal rechargeMonthlyCap;

    protected CreditAccount() {
    }

    /** The auto-recharge settings. */
    public record AutoRecharge(boolean enabled, BigDecimal threshold, BigDecimal credits, Optional<BigDecimal> monthlyCap) {
    }

    public AutoRecharge autoRecharge() {
        return new AutoRecharge(autoRecharge, rechargeThreshold, rechargeCredits, Optional.ofNullable(rechargeMonthlyCap));
    }

    /**
     * Sets auto-recharge: when the balance falls to {@code threshold} or below, {@code credits} are bought, at most
     * {@code monthlyCap} credits a month.
     */
    public void configureAutoRecharge(boolean enabled, BigDecimal threshold, BigDecimal credits,
                                      Optional<BigDecimal> monthlyCap) {
        requireCredits("threshold", threshold, true);
        if (enabled || credits.signum() != 0) {
            requireCredits("amount", credits, false);
        }
        monthlyCap.ifPresent(cap -> requireCredits("monthlyCap", cap, false));
        this.autoRecharge = enabled;
        this.rechargeThreshold = threshold;
        this.rechargeCredits = credits;
        this.rechargeMonthlyCap = monthlyCap.orElse(null);
    }

    /**
     * Whether auto-recharge should buy now: it is on, the balance is at the threshold or below (or short of what a send
     * needs), and buying stays within the month's cap given what it bought this month.
     */
    public boolean shouldRecharge(BigDecimal balance, Optional<BigDecimal> needed, BigDecimal rechargedThisMonth) {
        boolean low = balance.compareTo(rechargeThreshold) <= 0
                || needed.filter(credits -> balance.compareTo(credits) < 0).isPresent();
        boolean withinCap = Optional.ofNullable(rechargeMonthlyCap)
                .map(cap -> rechargedThisMonth.add(rechargeCredits).compareTo(cap) <= 0).orElse(true);
        return autoRecharge && low && withinCap;
    }

    /**
     * A number of credits as a request gives it.
     *
     * @throws Refusal unless above zero (or zero, where allowed), at most {@link #MOST_CREDITS_AT_ONCE}, in cents
     */
    public static BigDecimal requireCredits(String field, BigDecimal credits, boolean zeroAllowed) {
        boolean form = credits != null && (zeroAllowed ? credits.signum() >= 0 : credits.signum() > 0)
                && credits.compareTo(MOST_CREDITS_AT_ONCE) <= 0 && credits.stripTrailingZeros().scale() <= 2;
        if (!form) {
            throw Refusal.invalid(field, RefusalText.CREDITS_FORM, field, LedgerEntry.shown(MOST_CREDITS_AT_ONCE));
        }
        return credits;
    }

    public long organisationId() {
        return organisationId;
    }
}
