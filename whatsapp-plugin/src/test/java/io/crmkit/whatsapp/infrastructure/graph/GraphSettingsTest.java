package io.crmkit.whatsapp.infrastructure.graph;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphSettingsTest {

    private static boolean pointsAtMeta(Optional<String> baseUrl) {
        GraphSettings settings = new GraphSettings();
        settings.baseUrl = baseUrl;
        return settings.pointsAtMeta();
    }

    @Test
    void metasHostsAreMeta() {
        assertTrue(pointsAtMeta(Optional.of("https://graph.facebook.com")));
        assertTrue(pointsAtMeta(Optional.of("https://GRAPH.facebook.com/")));
    }

    @Test
    void theBuiltInSandboxAndOtherServersAreNot() {
        assertFalse(pointsAtMeta(Optional.empty()));
        assertFalse(pointsAtMeta(Optional.of("http://localhost:8080/sandbox/graph")));
        assertFalse(pointsAtMeta(Optional.of("https://facebook.com.evil.example")));
    }
}
