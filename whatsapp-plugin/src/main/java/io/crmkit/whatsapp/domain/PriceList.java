package io.crmkit.whatsapp.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What sends cost, in credits: configuration, not code, since Meta's prices keep changing.
 *
 * @param prices                   the price of each category
 * @param countryPrices            prices for recipients of one country calling code, by category then code ("81")
 * @param freeServiceConversations how many service conversations a month are free (per-conversation pricing)
 * @param usdPerCredit             what one credit costs to buy
 */
public record PriceList(PricingModel model, Map<ChargeCategory, BigDecimal> prices,
                        Map<ChargeCategory, Map<String, BigDecimal>> countryPrices, int freeServiceConversations,
                        BigDecimal usdPerCredit) {
    /** How long a conversation, once paid, covers further messages in its chat. */
    public static final Duration CONVERSATION_LENGTH = Duration.ofHours(24);

    public PriceList {
        Objects.requireNonNull(model, "model");
        prices = Map.copyOf(prices);
        countryPrices = Map.copyOf(countryPrices);
        if (usdPerCredit.signum() <= 0) {
            throw new IllegalArgumentException("a credit costs more than nothing");
        }
    }

    /** The price of a category for a recipient of the country calling code, if any is configured for it. */
    public BigDecimal price(ChargeCategory category, Optional<String> countryCode) {
        return countryCode.map(code -> countryPrices.getOrDefault(category, Map.of()).get(code))
                .orElseGet(() -> prices.getOrDefault(category, BigDecimal.ZERO));
    }

    /** What buying {@code credits} costs in US dollars, to the cent. */
    public BigDecimal dollarsFor(BigDecimal credits) {
        return credits.multiply(usdPerCredit).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
