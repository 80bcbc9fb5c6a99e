package io.crmkit.whatsapp.application.meta;

/** Meta's JSON lacks what every payload of its kind has; the delivery is refused rather than half stored. */
public class MalformedPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
