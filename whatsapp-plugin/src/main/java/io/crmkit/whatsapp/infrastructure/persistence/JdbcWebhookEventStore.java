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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores webhook events in one statement per delivery, duplicates dropped by the unique dedupe key
 * ({@code on conflict do nothing}), so that a delivery is stored in milliseconds.
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

    /**
     * One statement a delivery, its events passed as arrays: PostgreSQL plans and executes it once, not once an event
     * as a JDBC batch would. The events keep their order in the queue.
     */
    @Override
    public int saveNew(List<RoutedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int size = events.size();
        Long[] organisations = new Long[size];
        Long[] channels = new Long[size];
        String[] kinds = new String[size];
        String[] dedupeKeys = new String[size];
        String[] wamids = new String[size];
        String[] occurredAt = new String[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            RoutedEvent routed = events.get(i);
            IncomingEvent event = routed.event();
            organisations[i] = routed.route().organisationId();
            channels[i] = routed.route().channelId();
            kinds[i] = event.kind().name();
            dedupeKeys[i] = event.dedupeKey();
            wamids[i] = event.wamid().orElse(null);
            occurredAt[i] = event.occurredAt().toString();
            payloads[i] = event.payload().toString();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into whatsapp.webhook_event
                       (organisation_id, channel_id, kind, dedupe_key, wamid, occurred_at, payload, received_at)
                     select e.organisation_id, e.channel_id, e.kind, e.dedupe_key, e.wamid,
                            cast(e.occurred_at as timestamptz), cast(e.payload as jsonb), now()
                       from unnest(?, ?, ?, ?, ?, ?, ?) with ordinality
                            as e(organisation_id, channel_id, kind, dedupe_key, wamid, occurred_at, payload, position)
                      order by e.position
                     on conflict (dedupe_key) do nothing""")) {
            insert.setArray(1, connection.createArrayOf("bigint", organisations));
            insert.setArray(2, connection.createArrayOf("bigint", channels));
            insert.setArray(3, connection.createArrayOf("varchar", kinds));
            insert.setArray(4, connection.createArrayOf("varchar", dedupeKeys));
            insert.setArray(5, connection.createArrayOf("varchar", wamids));
            insert.setArray(6, connection.createArrayOf("varchar", occurredAt));
            insert.setArray(7, connection.createArrayOf("text", payloads));
            return insert.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot store webhook events", failed);
        }
    }
}
