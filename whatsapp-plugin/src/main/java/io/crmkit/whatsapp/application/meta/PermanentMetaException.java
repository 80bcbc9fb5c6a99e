package io.crmkit.whatsapp.application.meta;

/** Meta refused the request itself: the same request will fail again. */
public class PermanentMetaException extends MetaApiException {
    private static final long serialVersionUID = 1L;

    public PermanentMetaException(MetaError error) {
        super(error);
    }
}
