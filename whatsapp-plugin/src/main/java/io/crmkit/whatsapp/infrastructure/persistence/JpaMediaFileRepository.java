package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.domain.MediaFile;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Files by JPA, their bytes by SQL: a user's file is streamed into the database with JDBC (JPA has no streamed
 * parameters), in the transaction that queues its message, so that no file is ever held whole in memory.
 */
@ApplicationScoped
public class JpaMediaFileRepository extends JpaRepository implements MediaFileRepository {
    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Override
    public void add(MediaFile file) {
        em.persist(file);
    }

    @Override
    public void add(MediaFile file, InputStream content) {
        em.persist(file);
        em.flush();
        try (InputStream bytes = content;
             Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update whatsapp.media_file set content = ? where message_id = ?")) {
            update.setBinaryStream(1, bytes, file.size().orElseThrow());
            update.setLong(2, file.messageId());
            update.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot store the file of message " + file.messageId(), failed);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the received file cannot be read", unreadable);
        }
    }

    @Override
    public Optional<MediaFile> find(long messageId) {
        return Optional.ofNullable(em.find(MediaFile.class, messageId));
    }

    @Override
    public List<MediaFile> findAll(List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select f from MediaFile f where f.messageId in :ids", MediaFile.class)
                .setParameter("ids", messageIds).getResultList();
    }

    @Override
    public List<Long> dueForDownload(int limit) {
        List<?> ids = em.createNativeQuery("select message_id from whatsapp.media_file where state = 'PENDING'"
                + " and next_attempt_at <= now() order by next_attempt_at limit ?1").setParameter(1, limit).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    @Override
    public Optional<MediaFile> holdPending(long messageId) {
        List<?> held = em.createNativeQuery("""
                        select message_id from whatsapp.media_file
                        where message_id = ?1 and state = 'PENDING' for update skip locked""")
                .setParameter(1, messageId).getResultList();
        return held.isEmpty() ? Optional.empty() : find(messageId);
    }

    @Override
    public void storeContent(long messageId, byte[] content) {
        em.createNativeQuery("update whatsapp.media_file set content = ?1 where message_id = ?2")
                .setParameter(1, content).setParameter(2, messageId).executeUpdate();
    }

    @Override
    public byte[] content(long messageId) {
        return (byte[]) em.createNativeQuery("select content from whatsapp.media_file where message_id = ?1")
                .setParameter(1, messageId).getSingleResult();
    }
}
