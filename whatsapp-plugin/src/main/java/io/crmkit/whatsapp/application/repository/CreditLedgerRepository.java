package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.ChargeCategory;
import io.crmkit.whatsapp.domain.CreditAccount;
import io.crmkit.whatsapp.domain.LedgerEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each organisation's credit account and its append-only ledger. */
public interface CreditLedgerRepository {

    /**
     * The organisation's account, made on first use and locked until the transaction ends: whoever writes a ledger line
     * holds it, so lines are written one at a time and each knows the balance before it.
     */
    CreditAccount lockAccount(long organisationId);

    /** The account as it stands, without locking it. */
    Optional<CreditAccount> account(long organisationId);

    /** The balance after the organisation's latest line; zero before any. */
    BigDecimal balance(long organisationId);

    /** Writes a line unless one with its idempotency key is there already; answers whether it wrote it. */
    boolean write(LedgerEntry entry);

    /** Which lines a page of the ledger shows. */
    record Filter(Optional<Instant> from, Optional<Instant> to, Optional<LedgerEntry.Kind> kind) {
    }

    /** Lines newest first, {@code limit} of them, older than the line {@code beforeId} when given. */
    List<LedgerEntry> page(long organisationId, Filter filter, int limit, Optional<Long> beforeId);

    /** Credits charged in one month (the organisation's) and category. */
    record Usage(String month, ChargeCategory category, BigDecimal credits) {
    }

    /** Credits charged per month and category since {@code from}, the months counted in the time zone given. */
    List<Usage> usageSince(long organisationId, Instant from, String timeZone);
}
