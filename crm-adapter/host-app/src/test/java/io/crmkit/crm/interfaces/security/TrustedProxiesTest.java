package io.crmkit.crm.interfaces.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5 ,::1, fd00::/8");

    @Test
    void withoutTrustedProxiesTheConnectionIsTheClient() {
        TrustedProxies none = TrustedProxies.parse("");
        assertEquals("10.1.2.3", none.clientAddress("10.1.2.3", Optional.of("203.0.113.9")));
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertEquals("203.0.113.9", proxies.clientAddress("10.1.2.3", Optional.of("203.0.113.9")));
        assertEquals("2001:db8::7", proxies.clientAddress("0:0:0:0:0:0:0:1", Optional.of("2001:db8::7")));
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", Optional.empty()), "a proxy that names nobody");
    }

    @Test
    void whatAClientWroteBeforeTheProxiesIsNotBelieved() {
        assertEquals("203.0.113.9", proxies.clientAddress("10.1.2.3", Optional.of("198.51.100.1, 203.0.113.9, 192.168.1.5")),
                "the nearest untrusted hop, not the client's own claim on the left");
    }

    @Test
    void anUntrustedConnectionsHeaderIsIgnored() {
        assertEquals("203.0.113.50", proxies.clientAddress("203.0.113.50", Optional.of("10.0.0.1")));
        assertEquals("192.168.1.6", proxies.clientAddress("192.168.1.6", Optional.of("203.0.113.9")), "outside the /32");
    }

    @Test
    void garbageInTheHeaderStopsTheWalk() {
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", Optional.of("evil.example")));
        assertEquals("10.9.9.9", proxies.clientAddress("10.1.2.3", Optional.of("unknown, 10.9.9.9")));
    }

    @Test
    void namesAndBadRangesAreRefusedNamingTheEntry() {
        for (String wrong : new String[]{"proxy.example", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/8/8", "1.2.3"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(wrong));
            assertEquals(true, refused.getMessage().contains(wrong), refused.getMessage());
        }
    }
}
