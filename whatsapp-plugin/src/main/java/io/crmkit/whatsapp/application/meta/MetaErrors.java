package io.crmkit.whatsapp.application.meta;

import java.util.Set;

/**
 * Meta's error codes sorted by the reaction they call for (whatsapp-cloud-api.md, "Errors"). Decided by
 * code, never by HTTP status alone: rate limits come as HTTP 400.
 */
public final class MetaErrors {
    private static final Set<Integer> AUTHORIZATION = Set.of(190, 0, 10);
    private static final Set<Integer> TRANSIENT = Set.of(4, 80007, 130429, 131056, 131000, 131016, 131057, 1, 2, -1);

    private MetaErrors() {
    }

    public static MetaApiException classify(MetaError error) {
        int code = error.code();
        if (AUTHORIZATION.contains(code) || (code >= 200 && code <= 299)) {
            return new MetaAuthorizationException(error);
        }
        if (TRANSIENT.contains(code)) {
            return new TransientMetaException(error);
        }
        if (error.httpStatus() >= 500 && code <= 0) {
            return new TransientMetaException(error);
        }
        return new PermanentMetaException(error);
    }
}
