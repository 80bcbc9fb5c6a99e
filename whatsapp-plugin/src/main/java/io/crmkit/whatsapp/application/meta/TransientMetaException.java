package io.crmkit.whatsapp.application.meta;

/** Meta is busy, limiting the rate, or failing on its side, or could not be reached: try again later. */
public class TransientMetaException extends MetaApiException {
    private static final long serialVersionUID = 1L;

    public TransientMetaException(MetaError error) {
        super(error);
    }
}
