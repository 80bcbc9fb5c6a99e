package io.crmkit.whatsapp.application.credits;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.repository.BillingWindowRepository;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.CreditLedgerRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.application.repository.TopUpRepository;
import io.crmkit.whatsapp.domain.CreditAccount;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.LedgerEntry;
import io.crmkit.whatsapp.domain.MetaPricing;
import io.crmkit.whatsapp.domain.PriceList;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.TemplateCategory;
import io.crmkit.whatsapp.domain.TopUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisation's credits as administrators see and set them: the balance, the month's free conversations,
 * auto-recharge, the ledger and the usage by month; and what a send would cost, which every agent who may send sees.
 */
@ApplicationScoped
@Transactional
public class Credits {
    @Inject
    Permissions permissions;
    @Inject
    CreditLedgerRepository ledger;
    @Inject
    BillingWindowRepository windows;
    @Inject
    TopUpRepository topUps;
    @Inject
    ConversationRepository conversations;
    @Inject
    TemplateRepository templates;
    @Inject
    Billing billing;
    @Inject
    PriceList prices;
    @Inject
    CrmHost host;

    /** The account at a glance. */
    public record Overview(BigDecimal balance, long freeConversationsLeftThisMonth, PriceList prices,
                           CreditAccount.AutoRecharge autoRecharge, List<TopUp> latestPurchases) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview overview(CurrentUser user) {
        Permissions.requireAdministrator(user);
        long org = user.organisationId();
        long used = billing.freeConversationsUsed(org, Instant.now());
        return new Overview(ledger.balance(org), Math.max(0, prices.freeServiceConversations() - used), prices,
                ledger.account(org).map(CreditAccount::autoRecharge).orElse(new CreditAccount.AutoRecharge(false,
                        BigDecimal.ZERO, BigDecimal.ZERO, Optional.empty())), topUps.latest(org, 20));
    }

    public CreditAccount.AutoRecharge configureAutoRecharge(CurrentUser user, boolean enabled, BigDecimal threshold,
                                                            BigDecimal credits, Optional<BigDecimal> monthlyCap) {
        Permissions.requireAdministrator(user);
        CreditAccount account = ledger.lockAccount(user.organisationId());
        account.configureAutoRecharge(enabled, threshold, credits, monthlyCap);
        return account.autoRecharge();
    }

    /** A line of the ledger, with what Meta says it billed for the conversation it concerns, when known. */
    public record Line(LedgerEntry entry, Optional<MetaPricing> metaPricing) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Line> ledger(CurrentUser user, CreditLedgerRepository.Filter filter, int limit, Optional<Long> beforeId) {
        Permissions.requireAdministrator(user);
        List<LedgerEntry> entries = ledger.page(user.organisationId(), filter, limit, beforeId);
        Collection<Long> windowIds = entries.stream().flatMap(e -> e.billingWindowId().stream()).distinct().toList();
        Map<Long, MetaPricing> billedByMeta = windows.metaPricingOf(windowIds);
        return entries.stream().map(entry -> new Line(entry, entry.billingWindowId().map(billedByMeta::get))).toList();
    }

    /** Credits charged per month (the organisation's) and category, over the last {@code months} months. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CreditLedgerRepository.Usage> usage(CurrentUser user, int months) {
        Permissions.requireAdministrator(user);
        ZoneId zone = host.organisation(user.organisationId()).timeZone();
        Instant from = ZonedDateTime.now(zone).withDayOfMonth(1).toLocalDate().minusMonths(months - 1L)
                .atStartOfDay(zone).toInstant();
        return ledger.usageSince(user.organisationId(), from, zone.getId());
    }

    /** What sending in a conversation now costs: a template, or (without one) an answer. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Billing.Quote quote(CurrentUser user, long conversationId, Optional<Long> templateId) {
        permissions.requireReply(user);
        Conversation conversation = conversations.find(user.organisationId(), conversationId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, conversationId));
        return billing.quote(conversation, templateId.map(id -> category(user, id)), Instant.now());
    }

    /** What a template to a number costs when it opens a new chat. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Billing.Quote quoteNewChat(CurrentUser user, String phoneNumber, long templateId) {
        permissions.requireReply(user);
        return billing.quoteNewChat(user.organisationId(), phoneNumber, category(user, templateId));
    }

    private TemplateCategory category(CurrentUser user, long templateId) {
        return templates.find(user.organisationId(), templateId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_TEMPLATE, templateId)).category();
    }
}
