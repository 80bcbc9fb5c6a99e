package io.crmkit.crm.interfaces.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie travels only over HTTPS when the installation is reached over HTTPS
 * ({@code CRM_PUBLIC_BASE_URL} starting with {@code https://}, for example behind a TLS-terminating proxy).
 * (It is {@code HttpOnly} by web.xml and {@code SameSite=Lax} by glassfish-web.xml.)
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        boolean https = ConfigProvider.getConfig().getOptionalValue("crm.public-base-url", String.class)
                .map(url -> url.regionMatches(true, 0, "https://", 0, 8)).orElse(false);
        cookie.setSecure(https);
    }
}
