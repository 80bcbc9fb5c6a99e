package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.MediaFile;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The files of messages and their bytes, which are streamed rather than held by the entity. */
public interface MediaFileRepository {

    /** Stores a customer's file to download, with its message's transaction. */
    void add(MediaFile file);

    /** Stores a user's file with its bytes, streamed, with its message's transaction. */
    void add(MediaFile file, InputStream content);

    Optional<MediaFile> find(long messageId);

    /** The files of these messages. */
    List<MediaFile> findAll(List<Long> messageIds);

    /** Messages whose file is due for a download attempt, soonest first. */
    List<Long> dueForDownload(int limit);

    /** The file if it still waits for download and no other node holds it; holds it until the transaction ends. */
    Optional<MediaFile> holdPending(long messageId);

    /** Keeps the bytes of a file. */
    void storeContent(long messageId, byte[] content);

    /** The bytes of a file that is here. */
    byte[] content(long messageId);
}
