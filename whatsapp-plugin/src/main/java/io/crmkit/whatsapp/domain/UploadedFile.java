package io.crmkit.whatsapp.domain;

import java.util.List;
import java.util.Optional;

/**
 * A file as it was received, before it is accepted: enough to judge it without holding it in memory.
 */
public interface UploadedFile {
    /** How many bytes arrived; the receiver stops one byte past the largest size it was asked to take. */
    long size();

    /** The first bytes, where file formats put their signatures (at most {@value #HEAD_BYTES}). */
    byte[] head();

    /** For a ZIP archive, the names its central directory lists; empty when it has no readable directory. */
    Optional<List<String>> zipEntryNames();

    int HEAD_BYTES = 64;
}
