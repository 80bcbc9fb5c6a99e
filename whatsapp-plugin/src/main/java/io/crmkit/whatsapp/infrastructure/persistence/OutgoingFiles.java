package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.domain.Attachment;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The files of queued answers, streamed into the database in the transaction that queues their message
 * (JDBC, as JPA has no streamed parameters).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class OutgoingFiles {
    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    public void storeOutgoing(long messageId, long organisationId, long channelId, Attachment attachment, InputStream content) {
        try (InputStream bytes = content;
             Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into whatsapp.media_file (message_id, organisation_id, channel_id, mime_type, file_name, size,
                       content, state, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, 'DOWNLOADED', now())""")) {
            insert.setLong(1, messageId);
            insert.setLong(2, organisationId);
            insert.setLong(3, channelId);
            insert.setString(4, attachment.format().mimeType());
            insert.setString(5, attachment.fileName());
            insert.setLong(6, attachment.size());
            insert.setBinaryStream(7, bytes, attachment.size());
            insert.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot store the file of message " + messageId, failed);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the received file cannot be read", unreadable);
        }
    }
}
