package io.crmkit.crm.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API under {@code /api}: the host's resources and, discovered the same way, those of every
 * plugin jar in {@code WEB-INF/lib}.
 */
@ApplicationPath("/api")
public class CrmRestApplication extends Application {
}
