package io.crmkit.whatsapp.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The optional top line of a template: a short text (with at most one variable), or an image, video or document
 * whose sample Meta's reviewers see.
 *
 * @param text         the text of a {@link Format#TEXT} header
 * @param sampleHandle Meta's handle of the sample of a media header, from its resumable upload
 * @param sampleName   the sample's file name, as the administrator chose it
 */
public record TemplateHeader(Format format, Optional<String> text, Optional<String> sampleHandle,
                             Optional<String> sampleName) {
    public static final int TEXT_MAX = 60;

    public enum Format { TEXT, IMAGE, VIDEO, DOCUMENT }

    public TemplateHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sampleHandle, "sampleHandle");
        Objects.requireNonNull(sampleName, "sampleName");
    }

    public static TemplateHeader text(String text) {
        return new TemplateHeader(Format.TEXT, Optional.of(text), Optional.empty(), Optional.empty());
    }

    public static TemplateHeader media(Format format, String sampleHandle, String sampleName) {
        return new TemplateHeader(format, Optional.empty(), Optional.of(sampleHandle), Optional.of(sampleName));
    }
}
