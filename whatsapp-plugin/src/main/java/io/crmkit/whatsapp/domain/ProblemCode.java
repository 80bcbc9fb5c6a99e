package io.crmkit.whatsapp.domain;

/** The stable codes of the public contract (API.md) with the HTTP status each is answered with. */
public enum ProblemCode {
    VALIDATION_FAILED(400),
    MALFORMED_PAYLOAD(400),
    INVALID_SIGNATURE(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CHANNEL_DISCONNECTED(409),
    CHANNEL_NEEDS_REAUTH(409),
    WINDOW_CLOSED(409),
    PAYLOAD_TOO_LARGE(413),
    ATTACHMENT_TOO_LARGE(413),
    UNSUPPORTED_ATTACHMENT(415),
    /** Meta refused or could not be reached; the detail says what Meta said. */
    META_UNAVAILABLE(502);

    private final int httpStatus;

    ProblemCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
