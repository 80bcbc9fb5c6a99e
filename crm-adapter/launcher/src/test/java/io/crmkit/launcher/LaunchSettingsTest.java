package io.crmkit.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LaunchSettingsTest {

    @Test
    void theDemoRunsWithoutAnySetting() {
        LaunchSettings settings = LaunchSettings.from(Map.of());
        assertEquals(8080, settings.httpPort());
        assertEquals(Optional.empty(), settings.externalDbUrl());
        assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
        assertEquals(Optional.empty(), settings.adminPassword());
    }

    @Test
    void theEnvironmentOverridesTheDefaults() {
        LaunchSettings settings = LaunchSettings.from(Map.of("HTTP_PORT", "9090",
                "DB_URL", "jdbc:postgresql://db/crm", "DB_USER", "crm", "CRM_ADMIN_PASSWORD", "s3cret-pass"));
        assertEquals(9090, settings.httpPort());
        assertEquals(Optional.of("jdbc:postgresql://db/crm"), settings.externalDbUrl());
        assertEquals("crm", settings.dbUser());
        assertEquals(Optional.of("s3cret-pass"), settings.adminPassword());
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertEquals(Optional.empty(), LaunchSettings.from(Map.of("DB_URL", " ")).externalDbUrl());
    }

    @Test
    void aBadPortIsRefusedWithItsValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LaunchSettings.from(Map.of("HTTP_PORT", "http")));
        assertEquals("HTTP_PORT must be a port number between 1 and 65535, was 'http'", error.getMessage());
    }
}
