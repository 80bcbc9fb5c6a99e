package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's lines, the month an allowance counts in, and when auto-recharge buys. */
class CreditsDomainTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void theMonthTurnsAtMidnightInTheOrganisationsTimeZone() {
        Instant lastMinuteOfNovemberInTokyo = Instant.parse("2026-11-30T14:59:00Z");
        Instant firstMinuteOfDecemberInTokyo = Instant.parse("2026-11-30T15:00:00Z");
        assertEquals(YearMonth.of(2026, 11), BillingMonth.of(lastMinuteOfNovemberInTokyo, TOKYO).month());
        assertEquals(YearMonth.of(2026, 12), BillingMonth.of(firstMinuteOfDecemberInTokyo, TOKYO).month());
        assertEquals(YearMonth.of(2026, 11), BillingMonth.of(firstMinuteOfDecemberInTokyo, ZoneOffset.UTC).month(),
                "still November in UTC");
        BillingMonth december = BillingMonth.of(firstMinuteOfDecemberInTokyo, TOKYO);
        assertEquals(firstMinuteOfDecemberInTokyo, december.startsAt());
        assertEquals(Instant.parse("2026-12-31T15:00:00Z"), december.endsAt());
    }

    /** A window as stored: with the id the database gives it. */
    private static BillingWindow reservedWindow(String credits) {
        BillingWindow window = BillingWindow.paid(1, 2, new SendCost.Priced(ChargeCategory.MARKETING, new BigDecimal(credits),
                Duration.ofHours(24)), Optional.of("81"), Instant.parse("2026-11-30T00:00:00Z"));
        try {
            java.lang.reflect.Field id = BillingWindow.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(window, 42L);
        } catch (ReflectiveOperationException impossible) {
            throw new AssertionError(impossible);
        }
        return window;
    }

    @Test
    void aReservationTakesTheCreditsAndIsRefusedWhenTheBalanceIsShort() {
        BillingWindow window = reservedWindow("1");
        LedgerEntry reservation = LedgerEntry.reservation(window, new BigDecimal("1"), Instant.now());
        assertEquals(0, reservation.balanceAfter().signum(), "down to exactly nothing");
        Refusal refused = assertThrows(Refusal.class, () -> LedgerEntry.reservation(window, new BigDecimal("0.99"), Instant.now()));
        assertEquals(ProblemCode.INSUFFICIENT_CREDITS, refused.code());
        assertTrue(refused.detailIn(java.util.Locale.ENGLISH).contains("credit balance is 0.99 and this message needs 1"),
                refused.detailIn(java.util.Locale.ENGLISH));
    }

    @Test
    void aWindowIsChargedOrReleasedOnceAndAReleasedOneCoversNothingMore() {
        BillingWindow charged = reservedWindow("1");
        assertTrue(charged.charge());
        assertFalse(charged.charge(), "a second confirmation charges nothing");
        assertFalse(charged.release(Instant.now()), "a charged conversation is not given back");

        BillingWindow refused = reservedWindow("1");
        Instant now = Instant.parse("2026-11-30T01:00:00Z");
        assertTrue(refused.release(now));
        assertEquals(now, refused.endsAt());
        assertFalse(refused.charge());
        assertEquals(BillingWindow.State.FREE, reservedWindow("0").state(), "a conversation priced at nothing");
    }

    @Test
    void aChargeKeepsTheBalanceAndAReleaseGivesTheCreditsBack() {
        BillingWindow window = reservedWindow("0.5");
        assertEquals(new BigDecimal("3"), LedgerEntry.charge(window, new BigDecimal("3"), Instant.now()).balanceAfter());
        assertEquals(new BigDecimal("3.5"), LedgerEntry.release(window, new BigDecimal("3"), Instant.now()).balanceAfter());
    }

    @Test
    void autoRechargeBuysAtTheThresholdOrWhenASendIsShortAndWithinTheMonthsCap() {
        CreditAccount account = new CreditAccount();
        account.configureAutoRecharge(true, new BigDecimal("5"), new BigDecimal("20"), Optional.of(new BigDecimal("40")));
        assertFalse(account.shouldRecharge(new BigDecimal("5.01"), Optional.empty(), BigDecimal.ZERO));
        assertTrue(account.shouldRecharge(new BigDecimal("5"), Optional.empty(), BigDecimal.ZERO));
        assertTrue(account.shouldRecharge(new BigDecimal("6"), Optional.of(new BigDecimal("7")), BigDecimal.ZERO),
                "above the threshold, but short of what a send needs");
        assertTrue(account.shouldRecharge(BigDecimal.ZERO, Optional.empty(), new BigDecimal("20")));
        assertFalse(account.shouldRecharge(BigDecimal.ZERO, Optional.empty(), new BigDecimal("20.01")), "over the cap");
        account.configureAutoRecharge(false, new BigDecimal("5"), new BigDecimal("20"), Optional.empty());
        assertFalse(account.shouldRecharge(BigDecimal.ZERO, Optional.empty(), BigDecimal.ZERO), "switched off");
        assertThrows(Refusal.class, () -> account.configureAutoRecharge(true, BigDecimal.ONE, new BigDecimal("0.001"),
                Optional.empty()));
    }

    @Test
    void aDeclinedPurchaseIsRetriedAsANewAttemptAndAPaidOneNever() {
        PriceList prices = new PriceList(PricingModel.PER_CONVERSATION, java.util.Map.of(), java.util.Map.of(), 1000,
                new BigDecimal("2"));
        TopUp purchase = TopUp.bought(1, 9, new BigDecimal("10"), prices, "key", Instant.now());
        assertEquals(new BigDecimal("20.00"), purchase.amountUsd());
        String firstKey = purchase.paymentKey();
        purchase.declined("card declined", Instant.now());
        purchase.retry();
        assertEquals(TopUp.State.PENDING, purchase.state());
        assertFalse(firstKey.equals(purchase.paymentKey()), "the decline took no money: a new payment");
        purchase.paid("p-1", Instant.now());
        assertThrows(Refusal.class, purchase::retry);
    }
}
