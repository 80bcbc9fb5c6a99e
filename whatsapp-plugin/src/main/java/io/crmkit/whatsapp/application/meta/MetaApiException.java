package io.crmkit.whatsapp.application.meta;

/** A Cloud API call failed. The subtype says whether trying again can help. */
public abstract class MetaApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient MetaError error;

    protected MetaApiException(MetaError error) {
        super(error.describe());
        this.error = error;
    }

    public MetaError error() {
        return error;
    }
}
