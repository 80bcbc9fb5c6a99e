package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.plugin.api.BaseUrl;
import io.crmkit.whatsapp.infrastructure.PublicAddress;
import org.junit.jupiter.api.Test;

import java.net.URI;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theVersionedRootLiesBelowTheConfiguredAddressWhateverItsTrailingSlash() {
        for (String base : new String[]{"http://192.0.2.2:28609/sandbox/graph", "http://192.0.2.2:28609/sandbox/graph/"}) {
            GraphSettings settings = new GraphSettings();
            settings.baseUrl = Optional.of(base);
            settings.version = "v24.0";
            assertEquals(URI.create("http://192.0.2.2:28609/sandbox/graph/v24.0/"), settings.versionedRoot());
        }
    }

    @Test
    void withoutAnAddressTheRootIsThisServersSandboxBelowItsPublicAddress() {
        GraphSettings settings = new GraphSettings();
        settings.baseUrl = Optional.empty();
        settings.version = "v24.0";
        settings.publicAddress = new PublicAddress() {
            @Override
            public BaseUrl base() {
                return BaseUrl.of("https://crm.example/tenant");
            }
        };
        assertEquals(URI.create("https://crm.example/tenant/sandbox/graph/v24.0/"), settings.versionedRoot());
    }
}
