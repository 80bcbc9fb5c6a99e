package io.crmkit.whatsapp.infrastructure;

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
 * generated once per installation are kept in the plugin's schema, the secret encrypted, so that the demo
 * and its sandbox work with no configuration.
 */
@ApplicationScoped
public class InstallationSecrets {
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

    /** Generates the installation's values on first start; later starts read them. */
    public void ensureInstalled() {
        String generatedSecret = random();
        String generatedToken = random();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into whatsapp.installation (id, verify_token, app_secret, created_at)
                     values (1, ?, ?, now()) on conflict (id) do nothing""")) {
            insert.setString(1, generatedToken);
            insert.setBytes(2, cipher.encrypt(generatedSecret));
            insert.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot record the installation's webhook secrets", failed);
        }
        load();
    }

    private void load() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select verify_token, app_secret from whatsapp.installation where id = 1");
             ResultSet row = select.executeQuery()) {
            row.next();
            verifyToken = configuredVerifyToken.orElse(row.getString(1));
            appSecret = configuredAppSecret.orElse(cipher.decrypt(row.getBytes(2)));
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
