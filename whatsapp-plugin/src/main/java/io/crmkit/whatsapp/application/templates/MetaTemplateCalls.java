package io.crmkit.whatsapp.application.templates;

import io.crmkit.whatsapp.application.MetaUnavailable;
import io.crmkit.whatsapp.application.meta.MetaApiException;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.util.Set;
import java.util.function.Supplier;

/** Template calls to Meta, their failures turned into refusals an administrator can act on. */
final class MetaTemplateCalls {
    /** Meta's rate limits: application, account (templates: 100 creations an hour), throughput. */
    private static final Set<Integer> RATE_LIMITS = Set.of(4, 80007, 80008, 130429);

    private MetaTemplateCalls() {
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (MetaAuthorizationException refused) {
            throw new Refusal(ProblemCode.CHANNEL_NEEDS_REAUTH, RefusalText.NUMBER_NEEDS_REAUTH);
        } catch (TransientMetaException | FaultToleranceException unavailable) {
            if (unavailable instanceof MetaApiException limited && RATE_LIMITS.contains(limited.error().code())) {
                throw new Refusal(ProblemCode.META_RATE_LIMITED, RefusalText.TEMPLATE_CREATIONS_PAUSED);
            }
            throw MetaUnavailable.refusal(unavailable);
        } catch (MetaApiException refused) {
            if (RATE_LIMITS.contains(refused.error().code())) {
                throw new Refusal(ProblemCode.META_RATE_LIMITED, RefusalText.TEMPLATE_CREATIONS_PAUSED);
            }
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "template", RefusalText.META_REFUSED, refused.error().describe());
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
