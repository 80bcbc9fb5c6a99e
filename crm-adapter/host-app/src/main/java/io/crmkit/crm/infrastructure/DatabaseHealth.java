package io.crmkit.crm.infrastructure;

import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Ready only while PostgreSQL answers: a load balancer stops sending work to a node that lost its database. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {
    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean answers = connection.isValid(2);
            return HealthCheckResponse.named("database").status(answers).build();
        } catch (SQLException unreachable) {
            return HealthCheckResponse.named("database").down().withData("reason", unreachable.getMessage()).build();
        }
    }
}
