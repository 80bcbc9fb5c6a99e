package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.webhook.IncomingEvent;
import io.crmkit.whatsapp.application.webhook.WebhookEventStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores webhook events with plain JDBC batches: one statement per delivery, duplicates dropped by the
 * unique dedupe key ({@code on conflict do nothing}), so that a delivery is stored in milliseconds.
 * Joins the caller's transaction.
 */
@ApplicationScoped
public class JdbcWebhookEventStore implements WebhookEventStore {
    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Override
    public Map<String, ChannelRoute> routesByPhoneNumberId(List<String> phoneNumberIds) {
        return routes("select phone_number_id, id, organisation_id from whatsapp.channel"
                + " where status <> 'DISCONNECTED' and phone_number_id = any(?)", phoneNumberIds);
    }

    @Override
    public Map<String, ChannelRoute> routesByWabaId(List<String> wabaIds) {
        return routes("select distinct on (waba_id) waba_id, id, organisation_id from whatsapp.channel"
                + " where status <> 'DISCONNECTED' and waba_id = any(?) order by waba_id, id", wabaIds);
    }

    private Map<String, ChannelRoute> routes(String sql, List<String> keys) {
        Map<String, ChannelRoute> routes = new HashMap<>();
        if (keys.isEmpty()) {
            return routes;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("varchar", keys.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    routes.put(rows.getString(1), new ChannelRoute(rows.getLong(2), rows.getLong(3)));
                }
            }
            return routes;
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read channel routes", failed);
        }
    }

    @Override
    public int saveNew(List<RoutedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into whatsapp.webhook_event
                       (organisation_id, channel_id, kind, dedupe_key, wamid, occurred_at, payload, received_at)
                     values (?, ?, ?, ?, ?, ?, cast(? as jsonb), now())
                     on conflict (dedupe_key) do nothing""")) {
            for (RoutedEvent routed : events) {
                IncomingEvent event = routed.event();
                insert.setLong(1, routed.route().organisationId());
                insert.setLong(2, routed.route().channelId());
                insert.setString(3, event.kind().name());
                insert.setString(4, event.dedupeKey());
                if (event.wamid().isPresent()) {
                    insert.setString(5, event.wamid().get());
                } else {
                    insert.setNull(5, Types.VARCHAR);
                }
                insert.setTimestamp(6, Timestamp.from(event.occurredAt()));
                insert.setString(7, event.payload().toString());
                insert.addBatch();
            }
            int stored = 0;
            for (int count : insert.executeBatch()) {
                stored += count > 0 ? 1 : 0;
            }
            return stored;
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot store webhook events", failed);
        }
    }
}
