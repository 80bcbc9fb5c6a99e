package io.crmkit.whatsapp.application.meta;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The reaction to Meta's errors is decided by code (whatsapp-cloud-api.md, "Errors"), never by HTTP status alone. */
class MetaErrorsTest {

    private static MetaApiException classify(int httpStatus, int code) {
        return MetaErrors.classify(new MetaError(httpStatus, code, Optional.empty(), "T", "m", Optional.empty(), Optional.empty()));
    }

    @Test
    void tokenAndPermissionErrorsNeedReauthorisation() {
        assertInstanceOf(MetaAuthorizationException.class, classify(401, 190));
        assertInstanceOf(MetaAuthorizationException.class, classify(401, 0));
        assertInstanceOf(MetaAuthorizationException.class, classify(403, 10));
        assertInstanceOf(MetaAuthorizationException.class, classify(403, 200));
        assertInstanceOf(MetaAuthorizationException.class, classify(403, 299));
    }

    @Test
    void rateLimitsComeAsHttp400AndAreStillTransient() {
        assertInstanceOf(TransientMetaException.class, classify(400, 130429));
        assertInstanceOf(TransientMetaException.class, classify(400, 80007));
        assertInstanceOf(TransientMetaException.class, classify(400, 4));
        assertInstanceOf(TransientMetaException.class, classify(400, 131056));
        assertInstanceOf(TransientMetaException.class, classify(500, 131000));
        assertInstanceOf(TransientMetaException.class, classify(503, -1));
    }

    @Test
    void refusalsOfTheMessageItselfArePermanent() {
        assertInstanceOf(PermanentMetaException.class, classify(400, 131047));
        assertInstanceOf(PermanentMetaException.class, classify(400, 131026));
        assertInstanceOf(PermanentMetaException.class, classify(400, 131050));
        assertInstanceOf(PermanentMetaException.class, classify(404, 132001));
        assertInstanceOf(PermanentMetaException.class, classify(400, -2));
    }
}
