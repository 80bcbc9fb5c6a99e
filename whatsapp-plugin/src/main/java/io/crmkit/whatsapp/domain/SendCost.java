package io.crmkit.whatsapp.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one outgoing message costs, decided before it is queued. */
public sealed interface SendCost {

    /** Sent within a conversation already paid for (or counted): nothing more. */
    record Covered(long billingWindowId) implements SendCost {
    }

    /** Free, and opening nothing: a service message priced per message, a utility template in an open window. */
    record Free() implements SendCost {
    }

    /** A service conversation within the month's free allowance: counted, not charged, for 24 hours. */
    record FreeConversation() implements SendCost {
    }

    /**
     * Costs {@code credits} of its category, reserved before the message is queued; covers further messages in the
     * chat for {@code coverage} (none when priced per message).
     */
    record Priced(ChargeCategory category, BigDecimal credits, Duration coverage) implements SendCost {
        public Priced {
            Objects.requireNonNull(category, "category");
            if (credits.signum() < 0) {
                throw new IllegalArgumentException("a price is zero or more");
            }
        }
    }

    /**
     * The cost of a message under the price list.
     *
     * @param openWindow         the chat's paid or counted conversation still running, if any
     * @param customerWindowOpen whether the customer wrote within the last 24 hours
     * @param template           the category of the template sent; empty for any other message
     * @param freeUsedThisMonth  the service conversations already counted against this month's allowance
     * @param countryCode        the recipient's country calling code, for prices by country
     */
    static SendCost of(PriceList prices, Optional<Long> openWindow, boolean customerWindowOpen,
                       Optional<TemplateCategory> template, long freeUsedThisMonth, Optional<String> countryCode) {
        return switch (prices.model()) {
            case PER_CONVERSATION -> {
                if (openWindow.isPresent()) {
                    yield new Covered(openWindow.get());
                }
                if (customerWindowOpen) {
                    yield freeUsedThisMonth < prices.freeServiceConversations() ? new FreeConversation()
                            : new Priced(ChargeCategory.SERVICE, prices.price(ChargeCategory.SERVICE, countryCode),
                            PriceList.CONVERSATION_LENGTH);
                }
                yield template.<SendCost>map(category -> new Priced(ChargeCategory.of(category),
                        prices.price(ChargeCategory.of(category), countryCode), PriceList.CONVERSATION_LENGTH))
                        .orElseGet(Free::new);
            }
            case PER_MESSAGE -> {
                if (template.isEmpty() || template.get() == TemplateCategory.UTILITY && customerWindowOpen) {
                    yield new Free();
                }
                ChargeCategory category = ChargeCategory.of(template.get());
                yield new Priced(category, prices.price(category, countryCode), Duration.ZERO);
            }
        };
    }
}
