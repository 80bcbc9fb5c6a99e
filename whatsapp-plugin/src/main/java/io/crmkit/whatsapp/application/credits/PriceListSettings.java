package io.crmkit.whatsapp.application.credits;

import io.crmkit.whatsapp.domain.ChargeCategory;
import io.crmkit.whatsapp.domain.PriceList;
import io.crmkit.whatsapp.domain.PricingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The price list from configuration ({@code WHATSAPP_CREDITS_*}), since Meta's prices keep changing:
 * {@code whatsapp.credits.pricing-model}, {@code whatsapp.credits.usd-per-credit},
 * {@code whatsapp.credits.free-service-conversations}, {@code whatsapp.credits.price.<category>} and, for recipients of
 * one country calling code, {@code whatsapp.credits.price.<category>.<code>} (for example {@code ...price.marketing.81}).
 */
@ApplicationScoped
public class PriceListSettings {
    static final String PRICE_PREFIX = "whatsapp.credits.price.";

    @Inject
    Config config;

    /** Read for each bean that needs it, which holds it for the application's life: a record cannot be proxied. */
    @Produces
    PriceList priceList() {
        Map<ChargeCategory, BigDecimal> prices = new EnumMap<>(ChargeCategory.class);
        Map<ChargeCategory, Map<String, BigDecimal>> byCountry = new EnumMap<>(ChargeCategory.class);
        for (ChargeCategory category : ChargeCategory.values()) {
            prices.put(category, config.getValue(PRICE_PREFIX + category.configName(), BigDecimal.class));
            byCountry.put(category, new HashMap<>());
        }
        for (String name : config.getPropertyNames()) {
            String[] parts = name.startsWith(PRICE_PREFIX) ? name.substring(PRICE_PREFIX.length()).split("\\.") : new String[0];
            if (parts.length == 2 && parts[1].matches("[1-9][0-9]{0,3}")) {
                ChargeCategory category = ChargeCategory.valueOf(parts[0].toUpperCase(Locale.ROOT));
                byCountry.get(category).put(parts[1], config.getValue(name, BigDecimal.class));
            }
        }
        return new PriceList(config.getValue("whatsapp.credits.pricing-model", PricingModel.class), prices, byCountry,
                config.getValue("whatsapp.credits.free-service-conversations", Integer.class),
                config.getValue("whatsapp.credits.usd-per-credit", BigDecimal.class));
    }
}
