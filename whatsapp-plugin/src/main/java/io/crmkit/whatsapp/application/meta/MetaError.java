package io.crmkit.whatsapp.application.meta;

import java.util.Optional;

/**
 * An error as Meta reported it.
 *
 * @param httpStatus the HTTP status of the answer (0 when no answer arrived)
 * @param code       Meta's error code, which decides what to do (never the HTTP status alone)
 */
public record MetaError(int httpStatus, int code, Optional<Integer> subcode, String type, String message,
                        Optional<String> details, Optional<String> traceId) {

    /** A failure before Meta answered: connection refused or dropped, malformed answer. */
    public static MetaError network(String message) {
        return new MetaError(0, -1, Optional.empty(), "NetworkError", message, Optional.empty(), Optional.empty());
    }

    /** Meta's words for users, with the detail when there is one. */
    public String describe() {
        return "(#" + code + ") " + message + details.map(d -> ": " + d).orElse("");
    }
}
