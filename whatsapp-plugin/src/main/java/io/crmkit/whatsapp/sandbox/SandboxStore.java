package io.crmkit.whatsapp.sandbox;

import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps what the sandbox knows in its own schema ({@code whatsapp_sandbox}), written through as it changes and
 * read back when the sandbox starts, so that a demo survives a restart: its numbers, tokens, subscriptions,
 * customers' windows, files, and the webhook deliveries the plugin has not taken yet. What tests inspect
 * (requests, sent messages, faults) stays in memory.
 */
@ApplicationScoped
public class SandboxStore {
    static final String SCHEMA = "whatsapp_sandbox";

    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;

    /** Everything kept, as the sandbox reads it back. */
    record Snapshot(List<SandboxState.Number> numbers, List<TokenGrant> grants, List<String> subscriptions,
                    List<CustomerWindow> windows) {
    }

    record TokenGrant(byte[] tokenSha256, String wabaId) {
    }

    record CustomerWindow(String phoneNumberId, String waId, Instant lastInboundAt) {
    }

    /** Creates or updates the schema, then reads what it keeps. */
    Snapshot open() {
        Flyway.configure(SandboxStore.class.getClassLoader()).dataSource(dataSource).schemas(SCHEMA)
                .locations("classpath:db/sandbox").load().migrate();
        List<SandboxState.Number> numbers = new ArrayList<>();
        List<TokenGrant> grants = new ArrayList<>();
        List<String> subscriptions = new ArrayList<>();
        List<CustomerWindow> windows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            read(connection, "select id, waba_id, display_phone_number, verified_name, registered from " + SCHEMA + ".number",
                    row -> numbers.add(new SandboxState.Number(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), row.getBoolean(5))));
            read(connection, "select token_sha256, waba_id from " + SCHEMA + ".token_grant",
                    row -> grants.add(new TokenGrant(row.getBytes(1), row.getString(2))));
            read(connection, "select waba_id from " + SCHEMA + ".subscription", row -> subscriptions.add(row.getString(1)));
            read(connection, "select phone_number_id, wa_id, last_inbound_at from " + SCHEMA + ".customer_window",
                    row -> windows.add(new CustomerWindow(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant())));
        } catch (SQLException failed) {
            throw new IllegalStateException("the sandbox cannot read what it kept", failed);
        }
        return new Snapshot(numbers, grants, subscriptions, windows);
    }

    void keepNumber(SandboxState.Number number) {
        write("insert into " + SCHEMA + ".number (id, waba_id, display_phone_number, verified_name, registered)"
                        + " values (?, ?, ?, ?, ?) on conflict (id) do update set registered = excluded.registered",
                number.id(), number.wabaId(), number.displayPhoneNumber(), number.verifiedName(), number.registered());
    }

    void keepGrant(byte[] tokenSha256, String wabaId) {
        write("insert into " + SCHEMA + ".token_grant (token_sha256, waba_id) values (?, ?) on conflict do nothing",
                tokenSha256, wabaId);
    }

    void forgetGrantsOf(String wabaId) {
        write("delete from " + SCHEMA + ".token_grant where token_sha256 in (select token_sha256 from " + SCHEMA
                + ".token_grant where waba_id = ?)", wabaId);
    }

    void keepSubscription(String wabaId, boolean subscribed) {
        write(subscribed ? "insert into " + SCHEMA + ".subscription (waba_id) values (?) on conflict do nothing"
                : "delete from " + SCHEMA + ".subscription where waba_id = ?", wabaId);
    }

    void keepWindow(String phoneNumberId, String waId, Instant lastInboundAt) {
        write("insert into " + SCHEMA + ".customer_window (phone_number_id, wa_id, last_inbound_at) values (?, ?, ?)"
                        + " on conflict (phone_number_id, wa_id) do update set last_inbound_at ="
                        + " greatest(customer_window.last_inbound_at, excluded.last_inbound_at)",
                phoneNumberId, waId, Timestamp.from(lastInboundAt));
    }

    /** Keeps a file, then forgets the oldest ones past {@code keptBytes} in all. */
    void keepMedium(SandboxMedia.Medium medium, long keptBytes) {
        write("insert into " + SCHEMA + ".medium (id, waba_id, mime_type, file_name, sha256, size, bytes)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing",
                medium.id(), medium.wabaId(), medium.mimeType(), medium.fileName(), medium.sha256(),
                (long) medium.bytes().length, medium.bytes());
        write("delete from " + SCHEMA + ".medium where seq in (select seq from (select seq, sum(size) over"
                + " (order by seq desc) as newer_and_own from " + SCHEMA + ".medium) kept where newer_and_own > ?)", keptBytes);
    }

    Optional<SandboxMedia.Medium> medium(String id) {
        List<SandboxMedia.Medium> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            read(connection, "select id, waba_id, mime_type, bytes, sha256, file_name from " + SCHEMA + ".medium where id = ?",
                    row -> found.add(new SandboxMedia.Medium(row.getString(1), row.getString(2), row.getString(3),
                            row.getBytes(4), row.getString(5), row.getString(6))), id);
        } catch (SQLException failed) {
            throw new IllegalStateException("the sandbox cannot read a file it kept", failed);
        }
        return found.stream().findFirst();
    }

    /** A webhook delivery the plugin did not take yet. */
    record PendingDelivery(long id, URI target, byte[] body) {
    }

    long keepDelivery(URI target, byte[] body) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into " + SCHEMA
                     + ".pending_delivery (target, body) values (?, ?) returning id")) {
            insert.setString(1, target.toString());
            insert.setBytes(2, body);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("the sandbox cannot keep a webhook delivery", failed);
        }
    }

    void forgetDelivery(long id) {
        write("delete from " + SCHEMA + ".pending_delivery where id = ?", id);
    }

    List<PendingDelivery> pendingDeliveries() {
        List<PendingDelivery> pending = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            read(connection, "select id, target, body from " + SCHEMA + ".pending_delivery order by id",
                    row -> pending.add(new PendingDelivery(row.getLong(1), URI.create(row.getString(2)), row.getBytes(3))));
        } catch (SQLException failed) {
            throw new IllegalStateException("the sandbox cannot read its pending webhook deliveries", failed);
        }
        return pending;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void read(Connection connection, String sql, RowReader reader, Object... values) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                select.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    private void write(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("the sandbox cannot keep what it learned", failed);
        }
    }
}
