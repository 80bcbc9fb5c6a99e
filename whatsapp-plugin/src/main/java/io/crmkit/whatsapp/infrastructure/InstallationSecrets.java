package io.crmkit.whatsapp.infrastructure;

import io.crmkit.whatsapp.application.webhook.AppSecrets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Meta app's secret (webhook signatures are computed with it) and the webhook verify token. Both come
 * from configuration ({@code WHATSAPP_APP_SECRET}, {@code WHATSAPP_VERIFY_TOKEN}); when unset, values
 * generated once per installation are kept in the plugin's schema, both sealed ({@link TokenCipher}), so
 * that the demo and its sandbox work with no configuration.
 */
@ApplicationScoped
public class InstallationSecrets implements AppSecrets {
    @Inject
    @ConfigProperty(name = "whatsapp.app-secret")
    Optional<String> configuredAppSecret;
    @Inject
    @ConfigProperty(name = "whatsapp.verify-token")
    Optional<String> configuredVerifyToken;
    @Inject
    TokenCipher cipher;
    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    private volatile String appSecret;
    private volatile String verifyToken;

    /** What each secret is sealed to ({@link TokenCipher}): labels, not secrets. */
    private static final String APP_SECRET_OWNER = "installation:app-secret";
    private static final String VERIFY_TOKEN_OWNER = "installation:verify-token";

    /**
     * Generates the installation's values on first start; later starts read them. Secrets stored before they
     * were sealed to their owners (the verify token in plain text, the app secret and channel tokens in the first
     * format) are sealed now.
     */
    public void ensureInstalled() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into whatsapp.installation (id, verify_token_sealed, app_secret, created_at)
                     values (1, ?, ?, now()) on conflict (id) do nothing""")) {
            insert.setBytes(1, cipher.encrypt(random(), VERIFY_TOKEN_OWNER));
            insert.setBytes(2, cipher.encrypt(random(), APP_SECRET_OWNER));
            insert.executeUpdate();
            sealOlderSecrets(connection);
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot record the installation's webhook secrets", failed);
        }
        load();
    }

    private void sealOlderSecrets(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select verify_token, verify_token_sealed, app_secret from whatsapp.installation where id = 1");
             ResultSet row = select.executeQuery();
             PreparedStatement update = connection.prepareStatement(
                     "update whatsapp.installation set verify_token = null, verify_token_sealed = ?, app_secret = ? where id = 1")) {
            row.next();
            String plainToken = row.getString(1);
            byte[] appSecret = row.getBytes(3);
            if (plainToken != null || TokenCipher.isUnbound(appSecret)) {
                update.setBytes(1, plainToken != null ? cipher.encrypt(plainToken, VERIFY_TOKEN_OWNER) : row.getBytes(2));
                update.setBytes(2, cipher.encrypt(cipher.decrypt(appSecret, APP_SECRET_OWNER), APP_SECRET_OWNER));
                update.executeUpdate();
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select id, phone_number_id, access_token from whatsapp.channel where get_byte(access_token, 0) = 1");
             ResultSet rows = select.executeQuery();
             PreparedStatement update = connection.prepareStatement("update whatsapp.channel set access_token = ? where id = ?")) {
            while (rows.next()) {
                String owner = TokenCipher.channelToken(rows.getString(2));
                update.setBytes(1, cipher.encrypt(cipher.decrypt(rows.getBytes(3), owner), owner));
                update.setLong(2, rows.getLong(1));
                update.executeUpdate();
            }
        }
    }

    private void load() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select verify_token_sealed, app_secret from whatsapp.installation where id = 1");
             ResultSet row = select.executeQuery()) {
            row.next();
            verifyToken = configuredVerifyToken.orElseGet(() -> cipher.decrypt(bytes(row, 1), VERIFY_TOKEN_OWNER));
            appSecret = configuredAppSecret.orElseGet(() -> cipher.decrypt(bytes(row, 2), APP_SECRET_OWNER));
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the installation's webhook secrets", failed);
        }
    }

    private static byte[] bytes(ResultSet row, int column) {
        try {
            return row.getBytes(column);
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the installation's webhook secrets", failed);
        }
    }

    public String appSecret() {
        if (appSecret == null) {
            load();
        }
        return appSecret;
    }

    public String verifyToken() {
        if (verifyToken == null) {
            load();
        }
        return verifyToken;
    }

    /** Whether the app secret is Meta's (configured) rather than the generated demo one. */
    public boolean appSecretConfigured() {
        return configuredAppSecret.isPresent();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
