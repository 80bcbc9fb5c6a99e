package io.crmkit.whatsapp.application.credits;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.PaymentResult;
import io.crmkit.whatsapp.application.repository.CreditLedgerRepository;
import io.crmkit.whatsapp.application.repository.TopUpRepository;
import io.crmkit.whatsapp.domain.BillingMonth;
import io.crmkit.whatsapp.domain.CreditAccount;
import io.crmkit.whatsapp.domain.LedgerEntry;
import io.crmkit.whatsapp.domain.PriceList;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.TopUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The short transactions of buying credits, each committed on its own so that no lock is held while the host takes a
 * payment: deciding a purchase (it is PENDING from then on), then recording the host's answer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class TopUpStore {
    @Inject
    TopUpRepository topUps;
    @Inject
    CreditLedgerRepository ledger;
    @Inject
    PriceList prices;
    @Inject
    CrmHost host;

    /** An administrator's purchase; the same idempotency key answers the purchase made with it. */
    public TopUp openPurchase(long organisationId, long administratorId, BigDecimal credits, String idempotencyKey) {
        TopUp wanted = TopUp.bought(organisationId, administratorId, CreditAccount.requireCredits("credits", credits, false),
                prices, idempotencyKey, Instant.now());
        return topUps.findByKey(wanted.idempotencyKey()).filter(found -> found.organisationId() == organisationId)
                .orElseGet(() -> topUps.add(wanted));
    }

    /**
     * An automatic purchase, decided under the account's lock: only when auto-recharge is on, the balance is at its
     * threshold or below (or short of {@code needed}), the month's cap allows it, and no automatic purchase is pending.
     */
    public Optional<TopUp> openRecharge(long organisationId, Optional<BigDecimal> needed) {
        CreditAccount account = ledger.lockAccount(organisationId);
        BigDecimal balance = ledger.balance(organisationId);
        BillingMonth month = BillingMonth.of(Instant.now(), host.organisation(organisationId).timeZone());
        BigDecimal rechargedThisMonth = topUps.rechargedBetween(organisationId, month.startsAt(), month.endsAt());
        if (!account.shouldRecharge(balance, needed, rechargedThisMonth) || topUps.automaticPending(organisationId)) {
            return Optional.empty();
        }
        return Optional.of(topUps.add(TopUp.recharge(organisationId, account.autoRecharge().credits(), prices, Instant.now())));
    }

    /** A purchase still waiting for the host's answer, if it is. */
    public Optional<TopUp> pending(long topUpId) {
        return topUps.findById(topUpId).filter(topUp -> topUp.state() == TopUp.State.PENDING);
    }

    /** Records the host's answer: credits into the ledger once paid, the reason shown when declined. */
    public TopUp settle(long topUpId, PaymentResult result) {
        TopUp topUp = topUps.findById(topUpId).orElseThrow();
        ledger.lockAccount(topUp.organisationId());
        if (topUp.state() != TopUp.State.PENDING) {
            return topUp;
        }
        Instant now = Instant.now();
        if (result instanceof PaymentResult.Paid paid) {
            topUp.paid(paid.paymentId(), now);
            ledger.write(LedgerEntry.bought(topUp, ledger.balance(topUp.organisationId()), now));
        } else if (result instanceof PaymentResult.Declined declined) {
            topUp.declined(declined.reason(), now);
        }
        return topUp;
    }

    /** A declined purchase paid again, as a new attempt. */
    public TopUp retry(long organisationId, long topUpId) {
        TopUp topUp = topUps.find(organisationId, topUpId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_TOP_UP, topUpId));
        topUp.retry();
        return topUp;
    }
}
