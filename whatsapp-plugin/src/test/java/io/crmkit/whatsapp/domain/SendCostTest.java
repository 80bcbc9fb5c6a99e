package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SendCostTest {
    private static final Map<ChargeCategory, BigDecimal> PRICES = Map.of(ChargeCategory.MARKETING, new BigDecimal("1"),
            ChargeCategory.UTILITY, new BigDecimal("0.5"), ChargeCategory.SERVICE, new BigDecimal("0.25"));
    private static final PriceList PER_CONVERSATION = new PriceList(PricingModel.PER_CONVERSATION, PRICES,
            Map.of(ChargeCategory.MARKETING, Map.of("55", new BigDecimal("1.5"))), 1000, new BigDecimal("2"));
    private static final PriceList PER_MESSAGE = new PriceList(PricingModel.PER_MESSAGE, PRICES, Map.of(), 1000,
            new BigDecimal("2"));
    private static final Optional<String> JAPAN = Optional.of("81");

    private static SendCost cost(PriceList prices, Optional<Long> open, boolean customerWindow,
                                 Optional<TemplateCategory> template, long freeUsed) {
        return SendCost.of(prices, open, customerWindow, template, freeUsed, JAPAN);
    }

    @Test
    void aTemplateToACustomerWhoseWindowIsClosedOpensA24HourConversationOfItsCategory() {
        assertEquals(new SendCost.Priced(ChargeCategory.MARKETING, new BigDecimal("1"), Duration.ofHours(24)),
                cost(PER_CONVERSATION, Optional.empty(), false, Optional.of(TemplateCategory.MARKETING), 0));
        assertEquals(new SendCost.Priced(ChargeCategory.UTILITY, new BigDecimal("0.5"), Duration.ofHours(24)),
                cost(PER_CONVERSATION, Optional.empty(), false, Optional.of(TemplateCategory.UTILITY), 0));
    }

    @Test
    void everythingSentWhileAConversationRunsIsCoveredByIt() {
        assertEquals(new SendCost.Covered(7), cost(PER_CONVERSATION, Optional.of(7L), false,
                Optional.of(TemplateCategory.MARKETING), 0));
        assertEquals(new SendCost.Covered(7), cost(PER_CONVERSATION, Optional.of(7L), true, Optional.empty(), 5000));
    }

    @Test
    void answeringACustomerIsFreeForTheMonthsFirstThousandConversationsThenPricedAsService() {
        assertEquals(new SendCost.FreeConversation(), cost(PER_CONVERSATION, Optional.empty(), true, Optional.empty(), 999),
                "the 1,000th");
        assertEquals(new SendCost.Priced(ChargeCategory.SERVICE, new BigDecimal("0.25"), Duration.ofHours(24)),
                cost(PER_CONVERSATION, Optional.empty(), true, Optional.empty(), 1000), "the 1,001st");
        assertEquals(new SendCost.FreeConversation(), cost(PER_CONVERSATION, Optional.empty(), true,
                Optional.of(TemplateCategory.MARKETING), 10), "a template inside the customer's window");
    }

    @Test
    void aCountryMayHaveItsOwnPrice() {
        assertEquals(new SendCost.Priced(ChargeCategory.MARKETING, new BigDecimal("1.5"), Duration.ofHours(24)),
                SendCost.of(PER_CONVERSATION, Optional.empty(), false, Optional.of(TemplateCategory.MARKETING), 0,
                        Optional.of("55")));
        assertEquals(new SendCost.Priced(ChargeCategory.UTILITY, new BigDecimal("0.5"), Duration.ofHours(24)),
                SendCost.of(PER_CONVERSATION, Optional.empty(), false, Optional.of(TemplateCategory.UTILITY), 0,
                        Optional.of("55")), "other categories keep the general price");
    }

    @Test
    void perMessageEveryMarketingTemplateIsChargedAndUtilityOnlyOutsideTheCustomersWindow() {
        SendCost.Priced marketing = new SendCost.Priced(ChargeCategory.MARKETING, new BigDecimal("1"), Duration.ZERO);
        assertEquals(marketing, cost(PER_MESSAGE, Optional.of(7L), true, Optional.of(TemplateCategory.MARKETING), 0),
                "no conversation covers a marketing template");
        assertEquals(new SendCost.Free(), cost(PER_MESSAGE, Optional.empty(), true, Optional.of(TemplateCategory.UTILITY), 0));
        assertEquals(new SendCost.Priced(ChargeCategory.UTILITY, new BigDecimal("0.5"), Duration.ZERO),
                cost(PER_MESSAGE, Optional.empty(), false, Optional.of(TemplateCategory.UTILITY), 0));
        assertEquals(new SendCost.Free(), cost(PER_MESSAGE, Optional.empty(), true, Optional.empty(), 5000),
                "answers are free, however many");
    }
}
