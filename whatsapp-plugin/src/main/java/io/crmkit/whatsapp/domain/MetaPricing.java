package io.crmkit.whatsapp.domain;

import java.util.Optional;

/**
 * What Meta's status webhooks say it bills for a message ({@code pricing}), kept beside what the product charged so
 * that an administrator can compare them.
 *
 * @param category {@code marketing}, {@code utility}, {@code authentication}, {@code service} ...
 * @param type     {@code regular}, {@code free_customer_service}, {@code free_entry_point}
 * @param model    {@code PMP} (per message) or {@code CBP} (per conversation, before July 2025)
 */
public record MetaPricing(Optional<String> category, Optional<String> type, Optional<Boolean> billable,
                          Optional<String> model) {
}
