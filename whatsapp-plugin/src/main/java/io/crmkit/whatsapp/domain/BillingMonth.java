package io.crmkit.whatsapp.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** A calendar month in the organisation's time zone: monthly allowances start again when it does. */
public record BillingMonth(YearMonth month, ZoneId zone) {

    public static BillingMonth of(Instant instant, ZoneId zone) {
        return new BillingMonth(YearMonth.from(instant.atZone(zone)), zone);
    }

    public Instant startsAt() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of the next month. */
    public Instant endsAt() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }
}
