package io.crmkit.whatsapp.application.meta;

import java.util.Optional;

/** A media URL answered 404: it expired (after five minutes) and a fresh one must be asked for. */
public class MediaUrlExpiredException extends PermanentMetaException {
    private static final long serialVersionUID = 1L;

    public MediaUrlExpiredException() {
        super(new MetaError(404, -404, Optional.empty(), "MediaUrlExpired", "the media URL expired",
                Optional.empty(), Optional.empty()));
    }
}
