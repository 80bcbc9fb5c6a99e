package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.credits.Billing;
import io.crmkit.whatsapp.application.credits.CreditPurchases;
import io.crmkit.whatsapp.application.credits.Credits;
import io.crmkit.whatsapp.application.repository.CreditLedgerRepository;
import io.crmkit.whatsapp.domain.CreditAccount;
import io.crmkit.whatsapp.domain.LedgerEntry;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.SendCost;
import io.crmkit.whatsapp.domain.TopUp;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code /api/whatsapp/credits}: the balance, purchases, auto-recharge, the ledger (JSON pages, or all of it as CSV)
 * and usage, for administrators; {@code /credits/quote}, what a send costs, for agents who may send.
 */
@Path("whatsapp/credits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CreditsResource {
    private static final int CSV_PAGE = 1000;

    @Inject
    Credits credits;
    @Inject
    CreditPurchases purchases;
    @Inject
    Callers callers;
    @Inject
    CrmHost host;

    public record AutoRechargeView(boolean enabled, BigDecimal threshold, BigDecimal amount, BigDecimal monthlyCap) {
        static AutoRechargeView of(CreditAccount.AutoRecharge settings) {
            return new AutoRechargeView(settings.enabled(), tidy(settings.threshold()), tidy(settings.credits()),
                    settings.monthlyCap().map(CreditsResource::tidy).orElse(null));
        }
    }

    public record PurchaseView(long id, String trigger, BigDecimal credits, BigDecimal amountUsd, String state,
                               String declineReason, int attempts, Instant createdAt, Instant settledAt) {
        static PurchaseView of(TopUp topUp) {
            return new PurchaseView(topUp.id(), topUp.trigger().name(), tidy(topUp.credits()), topUp.amountUsd(),
                    topUp.state().name(), topUp.declineReason().orElse(null), topUp.attempts(), topUp.createdAt(),
                    topUp.settledAt().orElse(null));
        }
    }

    public record CreditsView(BigDecimal balance, long freeConversationsLeftThisMonth, int freeConversationsPerMonth,
                              String pricingModel, BigDecimal usdPerCredit, Map<String, BigDecimal> prices,
                              AutoRechargeView autoRecharge, List<PurchaseView> purchases) {
    }

    @GET
    public CreditsView overview() {
        Credits.Overview overview = credits.overview(callers.user());
        Map<String, BigDecimal> prices = new TreeMap<>();
        overview.prices().prices().forEach((category, price) -> prices.put(category.name(), price));
        return new CreditsView(tidy(overview.balance()), overview.freeConversationsLeftThisMonth(),
                overview.prices().freeServiceConversations(), overview.prices().model().name(),
                overview.prices().usdPerCredit(), prices, AutoRechargeView.of(overview.autoRecharge()),
                overview.latestPurchases().stream().map(PurchaseView::of).toList());
    }

    /**
     * {@code {credits}}, with an optional {@code Idempotency-Key} header so that a purchase sent twice is bought once:
     * 201 once paid, 402 {@code PAYMENT_DECLINED} with the host's reason, 202 while the host has not answered.
     */
    @POST
    @Path("purchases")
    public Response buy(JsonObject body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        CurrentUser administrator = callers.administrator();
        BigDecimal amount = JsonFields.decimal(body, "credits")
                .orElseThrow(() -> Refusal.invalid("credits", RefusalText.REQUIRED, "credits"));
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : idempotencyKey.strip().substring(0, Math.min(100, idempotencyKey.strip().length()));
        return answer(purchases.buy(administrator.organisationId(), administrator.userId(), amount, key));
    }

    /** A declined purchase paid again. */
    @POST
    @Path("purchases/{id: [0-9]+}/retry")
    public Response retry(@PathParam("id") long id) {
        return answer(purchases.retry(callers.administrator().organisationId(), id));
    }

    private static Response answer(TopUp purchase) {
        return switch (purchase.state()) {
            case PAID -> Response.created(URI.create("/api/whatsapp/credits/purchases/" + purchase.id()))
                    .entity(PurchaseView.of(purchase)).build();
            case PENDING -> Response.accepted(PurchaseView.of(purchase)).build();
            case DECLINED -> throw new Refusal(ProblemCode.PAYMENT_DECLINED, RefusalText.PAYMENT_DECLINED,
                    purchase.declineReason().orElse(""));
        };
    }

    /** {@code {enabled, threshold, amount, monthlyCap?}}. */
    @PUT
    @Path("auto-recharge")
    public AutoRechargeView configureAutoRecharge(JsonObject body) {
        CurrentUser administrator = callers.administrator();
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        boolean enabled = request.get("enabled") == JsonValue.TRUE;
        return AutoRechargeView.of(credits.configureAutoRecharge(administrator, enabled,
                JsonFields.decimal(request, "threshold").orElse(BigDecimal.ZERO),
                JsonFields.decimal(request, "amount").orElse(BigDecimal.ZERO), JsonFields.decimal(request, "monthlyCap")));
    }

    public record LineView(long id, Instant createdAt, String kind, BigDecimal credits, BigDecimal balanceChange,
                           BigDecimal balanceAfter, String category, String metaCategory, String metaType,
                           Boolean metaBillable) {
        static LineView of(Credits.Line line) {
            LedgerEntry entry = line.entry();
            return new LineView(entry.id(), entry.createdAt(), entry.kind().name(), tidy(entry.credits()), tidy(entry.balanceChange()),
                    tidy(entry.balanceAfter()), entry.category().map(Enum::name).orElse(null),
                    line.metaPricing().flatMap(p -> p.category()).orElse(null),
                    line.metaPricing().flatMap(p -> p.type()).orElse(null),
                    line.metaPricing().flatMap(p -> p.billable()).orElse(null));
        }
    }

    public record LedgerPage(List<LineView> items, String nextCursor) {
    }

    /** Newest first; {@code ?from=&to=} are days (YYYY-MM-DD, both included, in the organisation's time zone). */
    @GET
    @Path("ledger")
    public LedgerPage ledger(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("kind") String kind,
                             @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        CurrentUser administrator = callers.administrator();
        int size = Paging.limit(limit, 50, 200);
        List<Credits.Line> lines = credits.ledger(administrator, filter(administrator, from, to, kind), size + 1,
                Paging.idCursor(cursor));
        List<LineView> items = lines.stream().limit(size).map(LineView::of).toList();
        return new LedgerPage(items, lines.size() > size ? Long.toString(items.get(items.size() - 1).id()) : null);
    }

    /** The whole ledger the filter selects, for a spreadsheet. */
    @GET
    @Path("ledger")
    @Produces("text/csv")
    public Response ledgerCsv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("kind") String kind) {
        CurrentUser administrator = callers.administrator();
        CreditLedgerRepository.Filter filter = filter(administrator, from, to, kind);
        StreamingOutput csv = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write("id,time,kind,credits,balance_change,balance_after,category,meta_category,meta_type,meta_billable\n");
            Optional<Long> before = Optional.empty();
            List<Credits.Line> page;
            do {
                page = credits.ledger(administrator, filter, CSV_PAGE, before);
                for (Credits.Line line : page) {
                    LineView view = LineView.of(line);
                    writer.write(String.join(",", Long.toString(view.id()), view.createdAt().toString(), view.kind(),
                            view.credits().toPlainString(), view.balanceChange().toPlainString(),
                            view.balanceAfter().toPlainString(), orEmpty(view.category()),
                            orEmpty(view.metaCategory()), orEmpty(view.metaType()),
                            view.metaBillable() == null ? "" : view.metaBillable().toString()));
                    writer.write('\n');
                }
                before = page.isEmpty() ? before : Optional.of(page.get(page.size() - 1).entry().id());
            } while (page.size() == CSV_PAGE);
            writer.flush();
        };
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"whatsapp-credits.csv\"").build();
    }

    public record UsageView(String month, String category, BigDecimal credits) {
    }

    /** Credits charged per month and category: the chart of the Credits screen. */
    @GET
    @Path("usage")
    public List<UsageView> usage(@QueryParam("months") Integer months) {
        int span = months == null ? 12 : months;
        if (span < 1 || span > 36) {
            throw Refusal.invalid("months", RefusalText.OUT_OF_RANGE, "months", 1, 36);
        }
        return credits.usage(callers.administrator(), span).stream()
                .map(u -> new UsageView(u.month(), u.category().name(), tidy(u.credits()))).toList();
    }

    /**
     * What a send costs now: {@code ?conversationId=&templateId=} in a chat (an answer without {@code templateId}), or
     * {@code ?to=+E164&templateId=} for a new chat.
     *
     * @return {@code {kind: COVERED | FREE | FREE_CONVERSATION | PRICED, credits, category, affordable}}
     */
    @GET
    @Path("quote")
    public QuoteView quote(@QueryParam("conversationId") Long conversationId, @QueryParam("templateId") Long templateId,
                           @QueryParam("to") String to) {
        CurrentUser user = callers.user();
        if (conversationId != null) {
            return QuoteView.of(credits.quote(user, conversationId, Optional.ofNullable(templateId)));
        }
        if (to == null || templateId == null) {
            throw Refusal.invalid("conversationId", RefusalText.REQUIRED, "conversationId");
        }
        return QuoteView.of(credits.quoteNewChat(user, to, templateId));
    }

    public record QuoteView(String kind, BigDecimal credits, String category, boolean affordable) {
        static QuoteView of(Billing.Quote quote) {
            SendCost cost = quote.cost();
            if (cost instanceof SendCost.Priced priced) {
                return new QuoteView("PRICED", priced.credits(), priced.category().name(), quote.affordable());
            }
            String kind = cost instanceof SendCost.Covered ? "COVERED" : cost instanceof SendCost.FreeConversation
                    ? "FREE_CONVERSATION" : "FREE";
            return new QuoteView(kind, BigDecimal.ZERO, null, true);
        }
    }

    private CreditLedgerRepository.Filter filter(CurrentUser user, String from, String to, String kind) {
        ZoneId zone = host.organisation(user.organisationId()).timeZone();
        return new CreditLedgerRepository.Filter(day(from, "from").map(d -> d.atStartOfDay(zone).toInstant()),
                day(to, "to").map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()),
                Optional.ofNullable(kind).filter(k -> !k.isBlank()).map(k -> {
                    try {
                        return LedgerEntry.Kind.valueOf(k.strip().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException unknown) {
                        throw Refusal.invalid("kind", RefusalText.MUST_BE_ONE_OF, "kind", List.of(LedgerEntry.Kind.values()));
                    }
                }));
    }

    private static Optional<LocalDate> day(String value, String field) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException notADay) {
            throw Refusal.invalid(field, RefusalText.MUST_BE_A_DAY, field);
        }
    }

    /** Credits as people write them: 2.5, not 2.5000 (kept to four decimals). */
    private static BigDecimal tidy(BigDecimal credits) {
        BigDecimal stripped = credits.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.replace(",", " ").replace("\"", "");
    }
}
