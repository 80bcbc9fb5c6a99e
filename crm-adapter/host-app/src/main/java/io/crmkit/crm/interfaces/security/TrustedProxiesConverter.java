package io.crmkit.crm.interfaces.security;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads {@code crm.trusted-proxies} ({@code CRM_TRUSTED_PROXIES}) for injection, so that a wrong entry stops the
 * deployment with the entry named instead of surfacing at the first login.
 */
public class TrustedProxiesConverter implements Converter<TrustedProxies> {
    private static final long serialVersionUID = 1L;

    @Override
    public TrustedProxies convert(String value) {
        return TrustedProxies.parse(value);
    }
}
