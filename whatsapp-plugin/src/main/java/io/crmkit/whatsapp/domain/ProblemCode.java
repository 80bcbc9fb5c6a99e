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
    TEMPLATE_NOT_APPROVED(409),
    TEMPLATE_TOO_LONG(400),
    TOO_MANY_MERGE_FIELDS(400),
    TEMPLATE_LIMIT_REACHED(409),
    INVALID_TEMPLATE(400),
    /** Meta refused for a rate limit of its own (100 template creations an hour); the detail says when to retry. */
    META_RATE_LIMITED(429),
    /** The balance does not cover the send, and auto-recharge did not; nothing reached Meta. */
    INSUFFICIENT_CREDITS(402),
    /** The host's payment service declined or does not take payments; nothing was bought. */
    PAYMENT_DECLINED(402),
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
