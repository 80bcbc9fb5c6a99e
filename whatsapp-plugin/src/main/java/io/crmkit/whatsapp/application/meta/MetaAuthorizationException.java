package io.crmkit.whatsapp.application.meta;

/** The token is expired, revoked or lacks a permission (codes 190, 0, 10, 200-299): authorise again. */
public class MetaAuthorizationException extends PermanentMetaException {
    private static final long serialVersionUID = 1L;

    public MetaAuthorizationException(MetaError error) {
        super(error);
    }
}
