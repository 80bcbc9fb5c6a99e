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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ready only while PostgreSQL answers: a load balancer stops sending work to a node that lost its database. The
 * answer is public, so it says only up or down; why the database is unreachable goes to the log, once each time it
 * goes down, not at every probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DatabaseHealth.class.getName());

    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;

    private final AtomicBoolean down = new AtomicBoolean();

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean answers = connection.isValid(2);
            if (answers && down.compareAndSet(true, false)) {
                LOG.info("The database answers again");
            }
            return HealthCheckResponse.named("database").status(answers).build();
        } catch (SQLException unreachable) {
            if (down.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "The database does not answer; the node reports itself not ready until it does: {0}",
                        unreachable.getMessage());
            }
            return HealthCheckResponse.named("database").down().build();
        }
    }
}
