package io.crmkit.whatsapp.domain;

/** How sends cost credits. */
public enum PricingModel {
    /**
     * The product's own model: a template sent while the customer's window is closed opens a 24-hour paid conversation
     * of its category, charged once however many messages follow in it; answering a customer opens a service
     * conversation, free up to the monthly allowance.
     */
    PER_CONVERSATION,
    /**
     * Meta's model since July 2025: each delivered marketing template is charged; a utility template only outside an
     * open customer-service window; everything else is free.
     */
    PER_MESSAGE
}
