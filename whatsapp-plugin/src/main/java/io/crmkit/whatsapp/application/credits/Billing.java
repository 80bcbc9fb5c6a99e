package io.crmkit.whatsapp.application.credits;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.whatsapp.application.repository.BillingWindowRepository;
import io.crmkit.whatsapp.application.repository.CreditLedgerRepository;
import io.crmkit.whatsapp.domain.BillingMonth;
import io.crmkit.whatsapp.domain.BillingWindow;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.LedgerEntry;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.MetaPricing;
import io.crmkit.whatsapp.domain.PriceList;
import io.crmkit.whatsapp.domain.PricingModel;
import io.crmkit.whatsapp.domain.SendCost;
import io.crmkit.whatsapp.domain.TemplateCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What sends cost, paid from the organisation's credits. Every outgoing message passes {@link #payFor} in the
 * transaction that queues it, so a send Meta would charge for has its credits reserved before anything reaches Meta,
 * or is refused; {@link #follow} then turns the reservation into a charge when Meta confirms a message, or gives it
 * back when Meta refused them all. Both are idempotent: a webhook delivered three times charges once.
 */
@ApplicationScoped
@Transactional
public class Billing {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Inject
    PriceList prices;
    @Inject
    CreditLedgerRepository ledger;
    @Inject
    BillingWindowRepository windows;
    @Inject
    CreditPurchases purchases;
    @Inject
    CrmHost host;
    @Inject
    Event<CreditsSpent> spent;

    /** Credits were reserved: auto-recharge looks at the balance once the send has committed. */
    public record CreditsSpent(long organisationId) {
    }

    /** What a message would cost if sent now, and whether the balance covers it. */
    public record Quote(SendCost cost, BigDecimal balance) {
        public boolean affordable() {
            return !(cost instanceof SendCost.Priced priced) || priced.credits().compareTo(balance) <= 0;
        }
    }

    /** The cost of a message in the conversation now, without reserving anything. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Quote quote(Conversation conversation, Optional<TemplateCategory> template, Instant now) {
        return new Quote(cost(conversation, template, now), ledger.balance(conversation.organisationId()));
    }

    /** The cost of a template to a number no chat is open with: a business-initiated conversation of its category. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Quote quoteNewChat(long organisationId, String phoneNumber, TemplateCategory template) {
        SendCost cost = SendCost.of(prices, Optional.empty(), false, Optional.of(template), 0, countryCodeOf(phoneNumber));
        return new Quote(cost, ledger.balance(organisationId));
    }

    /**
     * Pays for a message being queued, in the queuing transaction: covered by the chat's running conversation, counted
     * against the month's free allowance, free, or paid by reserving its credits (buying them first when auto-recharge
     * is on and the balance is short).
     *
     * @throws io.crmkit.whatsapp.domain.Refusal {@code INSUFFICIENT_CREDITS}, and nothing is queued
     */
    public void payFor(Conversation conversation, Message message, Optional<TemplateCategory> template, Instant now) {
        long organisationId = conversation.organisationId();
        SendCost estimate = cost(conversation, template, now);
        if (estimate instanceof SendCost.Priced priced && priced.credits().signum() > 0
                && ledger.balance(organisationId).compareTo(priced.credits()) < 0) {
            // Before this transaction locks the account: the purchase locks it in a transaction of its own.
            purchases.rechargeToCover(organisationId, priced.credits());
        }
        if (estimate instanceof SendCost.Free) {
            return;
        }
        if (estimate instanceof SendCost.Covered covered) {
            // Nothing is counted or spent: no lock, so that answers in running conversations never wait for each other.
            message.billedIn(windows.find(covered.billingWindowId()).orElseThrow());
            return;
        }
        ledger.lockAccount(organisationId);
        SendCost cost = cost(conversation, template, now);  // decided again, now that no other send can count or spend
        Optional<String> country = countryCodeOf(conversation);
        if (cost instanceof SendCost.Covered covered) {
            message.billedIn(windows.find(covered.billingWindowId()).orElseThrow());
        } else if (cost instanceof SendCost.FreeConversation) {
            message.billedIn(windows.add(BillingWindow.countedFree(organisationId, conversation.id(), country, now)));
        } else if (cost instanceof SendCost.Priced priced) {
            BillingWindow window = windows.add(BillingWindow.paid(organisationId, conversation.id(), priced, country, now));
            if (window.state() == BillingWindow.State.RESERVED) {
                ledger.write(LedgerEntry.reservation(window, ledger.balance(organisationId), now));
                spent.fire(new CreditsSpent(organisationId));
            }
            message.billedIn(window);
        }
    }

    private SendCost cost(Conversation conversation, Optional<TemplateCategory> template, Instant now) {
        Optional<BillingWindow> open = windows.coveringAt(conversation.id(), now);
        boolean customerWindowOpen = conversation.windowOpenAt(now);
        long freeUsed = prices.model() == PricingModel.PER_CONVERSATION && open.isEmpty() && customerWindowOpen
                ? freeConversationsUsed(conversation.organisationId(), now) : 0;
        return SendCost.of(prices, open.map(BillingWindow::id), customerWindowOpen, template, freeUsed,
                countryCodeOf(conversation));
    }

    /** Service conversations counted against the allowance of the organisation's current month. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long freeConversationsUsed(long organisationId, Instant now) {
        BillingMonth month = BillingMonth.of(now, host.organisation(organisationId).timeZone());
        return windows.countedFreeBetween(organisationId, month.startsAt(), month.endsAt());
    }

    /**
     * Settles the conversation a message was sent in, after its status changed: Meta's confirmation charges the
     * reservation (per message: once delivered), and Meta's refusal of every message in it gives it back. Keeps what
     * Meta says it bills. Idempotent.
     */
    public void follow(Message message, Optional<MetaPricing> metaPricing, Instant now) {
        metaPricing.ifPresent(message::billedByMetaAs);
        Optional<BillingWindow> found = message.billingWindowId().flatMap(windows::find);
        if (found.isEmpty() || found.get().state() != BillingWindow.State.RESERVED) {
            return;
        }
        boolean confirmed = switch (message.status()) {
            case SENT -> prices.model() == PricingModel.PER_CONVERSATION;
            case DELIVERED, READ -> true;
            default -> false;
        };
        boolean refused = !confirmed && message.status() == DeliveryStatus.FAILED && !message.outcomeUnknown()
                && windows.everyOtherMessageFailed(found.get().id(), message.id());
        if (!confirmed && !refused) {
            return;
        }
        BillingWindow window = windows.lock(found.get());
        ledger.lockAccount(window.organisationId());
        if (confirmed && window.charge()) {
            ledger.write(LedgerEntry.charge(window, ledger.balance(window.organisationId()), now));
        } else if (refused && window.release(now)) {
            ledger.write(LedgerEntry.release(window, ledger.balance(window.organisationId()), now));
        }
    }

    private static Optional<String> countryCodeOf(Conversation conversation) {
        return conversation.customer().phoneNumber().flatMap(Billing::countryCodeOf);
    }

    private static Optional<String> countryCodeOf(String phoneNumber) {
        try {
            return Optional.of(Integer.toString(PHONES.parse(phoneNumber, "ZZ").getCountryCode()));
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

}
