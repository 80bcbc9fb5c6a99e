package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MediaLocation;
import io.crmkit.whatsapp.application.meta.MediaUrlExpiredException;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.MediaFile;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Downloads the media of inbound messages, apart from storing the messages: asks Meta where the medium
 * is, fetches it (asking again when the five-minute URL expired), and keeps the bytes. A failure is retried
 * with doubling delays; after {@value #MAX_ATTEMPTS} attempts the medium is FAILED until a user retries it.
 * Meta keeps inbound media for seven days.
 */
@ApplicationScoped
public class MediaDownloads {
    static final int MAX_ATTEMPTS = 6;

    @Inject
    MediaFileRepository files;
    @Inject
    ChannelRepository channels;
    @Inject
    CloudApi meta;
    @Inject
    AccessTokens tokens;
    @Inject
    MediaDownloads self;
    @Inject
    @ConfigProperty(name = "whatsapp.media.retry-delay-ms", defaultValue = "2000")
    long retryDelayMs;
    @Resource
    ManagedThreadFactory threads;

    private final WakeableLoop loop = new WakeableLoop();

    /**
     * Looks for due downloads every second on a thread of its own: a task of a managed scheduled executor
     * would carry the context of the request that scheduled it, which the container cannot restore afterwards.
     */
    public void start() {
        loop.start(threads, "whatsapp-media-downloads", Duration.ofSeconds(1), this::downloadDue);
    }

    public void stop() {
        loop.stop();
    }

    void downloadDue() {
        for (long messageId : self.due()) {
            self.download(messageId);
        }
    }

    @Transactional
    public List<Long> due() {
        return files.dueForDownload(20);
    }

    /** One attempt, in its own transaction, holding the file so that another node does not fetch it too. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void download(long messageId) {
        Optional<MediaFile> pending = files.holdPending(messageId);
        if (pending.isEmpty()) {
            return;
        }
        MediaFile file = pending.get();
        try {
            Channel channel = channels.find(file.channelId()).orElseThrow();
            String token = tokens.of(channel);
            String mediaId = file.metaMediaId().orElseThrow();
            byte[] bytes;
            MediaLocation location = meta.locateMedia(token, mediaId);
            try {
                bytes = meta.downloadMedia(token, location.url());
            } catch (MediaUrlExpiredException expired) {
                location = meta.locateMedia(token, mediaId);
                bytes = meta.downloadMedia(token, location.url());
            }
            files.storeContent(messageId, bytes);
            file.downloaded(location.mimeType(), bytes.length);
        } catch (RuntimeException failed) {
            file.downloadFailed(String.valueOf(failed.getMessage()), Instant.now(), MAX_ATTEMPTS,
                    Duration.ofMillis(retryDelayMs));
        }
    }

    /** A user asks to try a failed download of the organisation again; answers whether there was one. */
    @Transactional
    public boolean retry(long organisationId, long messageId) {
        return files.find(messageId).filter(file -> file.organisationId() == organisationId)
                .map(file -> file.retryDownload(Instant.now())).orElse(false);
    }
}
