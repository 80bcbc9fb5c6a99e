package io.crmkit.whatsapp.application.meta;

import java.util.Objects;

/** Where and what a medium is, as Meta describes it. */
public record MediaLocation(String url, String mimeType, long fileSize) {
    public MediaLocation {
        Objects.requireNonNull(url);
        Objects.requireNonNull(mimeType);
    }
}
