package io.crmkit.plugin.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BaseUrlTest {

    @Test
    void aBaseWithoutItsTrailingSlashResolvesBelowItself() {
        assertEquals(URI.create("http://192.0.2.2:28609/sandbox/graph"),
                BaseUrl.of("http://192.0.2.2:28609").resolve("sandbox/graph"));
        assertEquals(URI.create("http://192.0.2.2:28609/sandbox/graph"),
                BaseUrl.of("http://192.0.2.2:28609/").resolve("sandbox/graph"));
    }

    @Test
    void aContextPathIsKeptWhateverTheSlashes() {
        for (String base : new String[]{"https://crm.example/tenant", "https://crm.example/tenant/"}) {
            BaseUrl tenant = BaseUrl.of(base);
            assertEquals("https://crm.example/tenant/", tenant.toString());
            assertEquals(URI.create("https://crm.example/tenant/webhooks/whatsapp"), tenant.resolve("webhooks/whatsapp"));
            assertEquals(URI.create("https://crm.example/tenant/webhooks/whatsapp"), tenant.resolve("/webhooks/whatsapp"));
        }
    }

    @Test
    void aFolderBelowIsABaseOfItsOwn() {
        BaseUrl graph = BaseUrl.of("http://[::1]:8080").below("sandbox/graph");
        assertEquals("http://[::1]:8080/sandbox/graph/", graph.toString());
        assertEquals(URI.create("http://[::1]:8080/sandbox/graph/v24.0/123/messages"), graph.below("v24.0").resolve("123/messages"));
    }

    @Test
    void escapesAndQueriesOfThePathSurvive() throws Exception {
        BaseUrl base = BaseUrl.of(new URL("http://localhost:8080/a%20b"));
        assertEquals("http://localhost:8080/a%20b/", base.toString());
        assertEquals(URI.create("http://localhost:8080/a%20b/api/x?q=1"), base.resolve("api/x?q=1"));
    }

    @Test
    void onlyAbsoluteHttpAddressesWithoutQueryAreBases() {
        for (String wrong : new String[]{"", "localhost:8080", "/relative", "ftp://example.org/", "file:///etc/passwd",
                "http://example.org/?a=1", "http://example.org/#top", "not a url", "mailto:a@example.org"}) {
            assertThrows(IllegalArgumentException.class, () -> BaseUrl.of(wrong), wrong);
        }
        assertThrows(IllegalArgumentException.class, () -> BaseUrl.of((String) null));
    }
}
