package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MediaLocation;
import io.crmkit.whatsapp.application.meta.MediaUrlExpiredException;
import io.crmkit.whatsapp.application.WakeableLoop;
import io.crmkit.whatsapp.domain.BoundedText;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.infrastructure.TokenCipher;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;

/**
 * Downloads the media of inbound messages, apart from storing the messages: asks Meta where the medium
 * is, fetches it (asking again when the five-minute URL expired), and keeps the bytes. A failure is retried
 * with doubling delays; after {@value #MAX_ATTEMPTS} attempts the medium is FAILED until a user retries it.
 * Meta keeps inbound media for seven days.
 */
@ApplicationScoped
public class MediaDownloads {
    static final int MAX_ATTEMPTS = 6;

    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    CloudApi meta;
    @Inject
    TokenCipher cipher;
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

    /** Registers a medium to download, in the transaction that stores its message. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expect(long messageId, Channel channel, String mediaId, String mimeType, String fileName) {
        em.createNativeQuery("""
                        insert into whatsapp.media_file (message_id, organisation_id, channel_id, media_id, mime_type, file_name,
                          state, next_attempt_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', now())""")
                .setParameter(1, messageId).setParameter(2, channel.organisationId()).setParameter(3, channel.id())
                .setParameter(4, mediaId).setParameter(5, mimeType).setParameter(6, fileName).executeUpdate();
    }

    void downloadDue() {
        for (Number messageId : self.due()) {
            self.download(messageId.longValue());
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Number> due() {
        return em.createNativeQuery("select message_id from whatsapp.media_file where state = 'PENDING'"
                + " and next_attempt_at <= now() order by next_attempt_at limit 20").getResultList();
    }

    /** One attempt, in its own transaction, holding the row so that another node does not fetch it too. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void download(long messageId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select channel_id, media_id, attempts from whatsapp.media_file
                        where message_id = ?1 and state = 'PENDING' for update skip locked""")
                .setParameter(1, messageId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Channel channel = em.find(Channel.class, ((Number) rows.get(0)[0]).longValue());
        String mediaId = (String) rows.get(0)[1];
        int attempts = ((Number) rows.get(0)[2]).intValue() + 1;
        try {
            String token = cipher.accessTokenOf(channel);
            byte[] bytes;
            MediaLocation location = meta.locateMedia(token, mediaId);
            try {
                bytes = meta.downloadMedia(token, location.url());
            } catch (MediaUrlExpiredException expired) {
                location = meta.locateMedia(token, mediaId);
                bytes = meta.downloadMedia(token, location.url());
            }
            em.createNativeQuery("""
                            update whatsapp.media_file set content = ?1, size = ?2, mime_type = ?3, state = 'DOWNLOADED',
                              attempts = ?4, last_error = null where message_id = ?5""")
                    .setParameter(1, bytes).setParameter(2, (long) bytes.length).setParameter(3, location.mimeType())
                    .setParameter(4, attempts).setParameter(5, messageId).executeUpdate();
        } catch (RuntimeException failed) {
            String reason = String.valueOf(failed.getMessage());
            em.createNativeQuery("""
                            update whatsapp.media_file set attempts = ?1, last_error = ?2,
                              state = case when ?1 >= ?3 then 'FAILED' else 'PENDING' end,
                              next_attempt_at = now() + (?4 * interval '1 millisecond')
                            where message_id = ?5""")
                    .setParameter(1, attempts).setParameter(2, BoundedText.fit(reason, 1000))
                    .setParameter(3, MAX_ATTEMPTS).setParameter(4, retryDelayMs << Math.min(attempts - 1, 10))
                    .setParameter(5, messageId).executeUpdate();
        }
    }

    /** A user asks to try a failed download again. */
    @Transactional
    public boolean retry(long organisationId, long messageId) {
        return em.createNativeQuery("""
                        update whatsapp.media_file set state = 'PENDING', attempts = 0, next_attempt_at = now()
                        where message_id = ?1 and organisation_id = ?2 and state = 'FAILED'""")
                .setParameter(1, messageId).setParameter(2, organisationId).executeUpdate() == 1;
    }
}
