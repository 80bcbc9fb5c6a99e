package io.crmkit.whatsapp.application;

import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** Meta busy or unreachable, or calls to it paused after repeated failures: refused with nothing changed. */
public final class MetaUnavailable {
    private MetaUnavailable() {
    }

    public static Refusal refusal(RuntimeException cause) {
        return cause instanceof CircuitBreakerOpenException
                ? new Refusal(ProblemCode.META_UNAVAILABLE, RefusalText.META_PAUSED)
                : new Refusal(ProblemCode.META_UNAVAILABLE, RefusalText.META_UNREACHABLE, cause.getMessage());
    }
}
