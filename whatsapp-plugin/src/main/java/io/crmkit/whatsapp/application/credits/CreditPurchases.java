package io.crmkit.whatsapp.application.credits;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.PaymentRequest;
import io.crmkit.plugin.api.PaymentResult;
import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.application.repository.TopUpRepository;
import io.crmkit.whatsapp.domain.LedgerEntry;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.TopUp;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Buying credits through the host's {@code PaymentService}: by an administrator, and by auto-recharge when a send
 * brings the balance to its threshold (on a thread of its own, after the send committed) or cannot be paid without it
 * (at once, before the send). A purchase is decided and committed before the host is asked, and the host's answer is
 * recorded in a second transaction: a purchase the host did not answer stays PENDING and is asked again with the same
 * payment key, so that it is paid once, never twice.
 */
@ApplicationScoped
public class CreditPurchases {
    private static final Logger LOG = Logger.getLogger(CreditPurchases.class.getName());
    private static final Currency DOLLARS = Currency.getInstance("USD");
    /** How long a purchase may wait for the host's answer before it is asked again. */
    private static final Duration UNANSWERED_AFTER = Duration.ofSeconds(30);

    @Inject
    TopUpStore store;
    @Inject
    TopUpRepository topUps;
    @Inject
    CrmHost host;
    @Resource
    ManagedThreadFactory threads;

    private final WakeableLoop loop = new WakeableLoop();
    /** Organisations whose balance a committed send lowered: auto-recharge looks at them on its thread. */
    private final Set<Long> toLookAt = ConcurrentHashMap.newKeySet();

    public void start() {
        loop.start(threads, "whatsapp-credits", Duration.ofMinutes(1), this::work);
    }

    public void stop() {
        loop.stop();
    }

    void onCreditsSpent(@Observes(during = TransactionPhase.AFTER_SUCCESS) Billing.CreditsSpent spent) {
        toLookAt.add(spent.organisationId());
        loop.wakeUp();
    }

    private void work() {
        for (Long organisationId : Set.copyOf(toLookAt)) {
            toLookAt.remove(organisationId);
            try {
                store.openRecharge(organisationId, Optional.empty()).ifPresent(this::pay);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Auto-recharge of organisation " + organisationId + " failed; it is tried again"
                        + " with its next send", failed);
            }
        }
        for (Long unanswered : topUps.pendingSince(Instant.now().minus(UNANSWERED_AFTER))) {
            store.pending(unanswered).ifPresent(this::pay);
        }
    }

    /** An administrator buys credits: answers the purchase, paid, declined, or still waiting for the host. */
    public TopUp buy(long organisationId, long administratorId, BigDecimal credits, String idempotencyKey) {
        TopUp purchase = store.openPurchase(organisationId, administratorId, credits, idempotencyKey);
        return purchase.state() == TopUp.State.PENDING ? pay(purchase) : purchase;
    }

    /** A declined purchase tried again. */
    public TopUp retry(long organisationId, long topUpId) {
        return pay(store.retry(organisationId, topUpId));
    }

    /**
     * Buys credits at once for a send the balance does not cover, when auto-recharge is on. Runs outside the send's
     * transaction (suspended), whose account lock would otherwise wait for this purchase's.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void rechargeToCover(long organisationId, BigDecimal needed) {
        store.openRecharge(organisationId, Optional.of(needed)).ifPresent(this::pay);
    }

    /** Asks the host to pay a pending purchase, then records its answer; unanswered, it stays pending. */
    private TopUp pay(TopUp topUp) {
        PaymentResult result;
        try {
            result = host.organisation(topUp.organisationId()).payments().charge(new PaymentRequest(topUp.paymentKey(),
                    topUp.amountUsd(), DOLLARS, "WhatsApp credits: " + LedgerEntry.shown(topUp.credits())));
        } catch (UnsupportedOperationException noPayments) {
            result = new PaymentResult.Declined(RefusalText.PAYMENTS_NOT_SUPPORTED.format(Locale.ENGLISH));
        } catch (RuntimeException unanswered) {
            LOG.log(Level.WARNING, "The CRM did not answer payment " + topUp.paymentKey() + "; it is asked again with the"
                    + " same key", unanswered);
            return topUp;
        }
        return store.settle(topUp.id(), result);
    }
}
