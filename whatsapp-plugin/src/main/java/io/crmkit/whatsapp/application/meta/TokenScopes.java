package io.crmkit.whatsapp.application.meta;

import java.util.List;
import java.util.Map;

/**
 * What a token may do, from Meta's token debugger.
 *
 * @param targetsByScope for each granular scope (for example {@code whatsapp_business_management}) the ids
 *                       of the accounts it covers
 */
public record TokenScopes(boolean valid, Map<String, List<String>> targetsByScope) {
    public static final String MANAGEMENT = "whatsapp_business_management";
    public static final String MESSAGING = "whatsapp_business_messaging";

    public TokenScopes {
        targetsByScope = Map.copyOf(targetsByScope);
    }

    /** Whether the token may manage the account and send from its numbers. */
    public boolean covers(String wabaId) {
        return valid && targetsByScope.getOrDefault(MANAGEMENT, List.of()).contains(wabaId)
                && targetsByScope.getOrDefault(MESSAGING, List.of()).contains(wabaId);
    }
}
