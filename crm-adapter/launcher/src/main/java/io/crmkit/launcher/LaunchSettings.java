package io.crmkit.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher reads from the environment, with the demo's defaults.
 *
 * @param httpPort      {@code HTTP_PORT}, default 8080
 * @param externalDbUrl {@code DB_URL}: use this PostgreSQL instead of the embedded one
 * @param dataDir       {@code CRM_DATA_DIR}, default {@code ./data}: embedded database and server files
 * @param adminPassword {@code CRM_ADMIN_PASSWORD}: the first administrator's password on an empty database
 */
record LaunchSettings(int httpPort, Optional<String> externalDbUrl, String dbUser, String dbPassword, Path dataDir,
                      Optional<String> adminPassword) {

    static LaunchSettings from(Map<String, String> env) {
        return new LaunchSettings(
                port(value(env, "HTTP_PORT").orElse("8080")),
                value(env, "DB_URL"),
                value(env, "DB_USER").orElse("postgres"),
                value(env, "DB_PASSWORD").orElse("postgres"),
                Path.of(value(env, "CRM_DATA_DIR").orElse("data")).toAbsolutePath(),
                value(env, "CRM_ADMIN_PASSWORD"));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("HTTP_PORT must be a port number between 1 and 65535, was '" + text + "'");
    }
}
