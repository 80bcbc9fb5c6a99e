package io.crmkit.whatsapp.sandbox;

import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what the sandbox knows in its own schema ({@code whatsapp_sandbox}), written through as it changes and
 * read back when the sandbox starts, so that a demo survives a restart: its numbers, tokens, subscriptions and
 * customers' windows. What tests inspect (requests, sent messages, faults) stays in memory.
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

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void read(Connection connection, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
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
