package io.crmkit.crm.infrastructure;

import io.crmkit.crm.application.OrganisationSetup;
import io.crmkit.crm.application.Passwords;
import io.crmkit.crm.plugins.PluginRegistry;
import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings the host up in order: migrate the host schema, create the first organisation on an empty
 * database, then start the plugins. The one data source is shared with plugins (see {@link PluginContext}).
 */
@DataSourceDefinition(
        name = PluginContext.DATA_SOURCE_JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=db.url}",
        user = "${MPCONFIG=db.user}",
        password = "${MPCONFIG=db.password}",
        minPoolSize = 2,
        maxPoolSize = 40,
        properties = {"fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit"})
@ApplicationScoped
public class HostStartup {
    private static final Logger LOG = Logger.getLogger(HostStartup.class.getName());

    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;
    @Inject
    OrganisationSetup organisationSetup;
    @Inject
    PluginRegistry plugins;
    @Inject
    @ConfigProperty(name = "crm.admin.password")
    Optional<String> adminPassword;
    @Inject
    @ConfigProperty(name = "crm.organisation.name", defaultValue = "My company")
    String organisationName;
    @Inject
    @ConfigProperty(name = "crm.organisation.region", defaultValue = "JP")
    String organisationRegion;
    @Inject
    @ConfigProperty(name = "crm.data-dir", defaultValue = "data")
    String dataDir;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ClientDisconnects.keepOutOfTheErrorLog();
        Flyway.configure(HostStartup.class.getClassLoader())
                .dataSource(dataSource)
                .schemas("crm")
                .locations("classpath:db/crm")
                .load()
                .migrate();
        createFirstOrganisationIfEmpty();
        plugins.startAll();
    }

    private void createFirstOrganisationIfEmpty() {
        if (organisationSetup.anyOrganisationExists()) {
            return;
        }
        String password = adminPassword.orElseGet(Passwords::random);
        organisationSetup.create(organisationName, organisationRegion, "admin", password);
        if (adminPassword.isEmpty()) {
            // Never in the log, which others read and keep: in a file only the server's account may read.
            Path folder = Path.of(dataDir);
            Path file = folder.resolve("initial-admin-password");
            try {
                Files.createDirectories(folder);
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, password + System.lineSeparator());
                LOG.warning(() -> "First start: created user 'admin'. Its password is in " + file.toAbsolutePath()
                        + " (readable by this server's account only): log in, change it, then delete the file."
                        + " Or set CRM_ADMIN_PASSWORD before the first start.");
            } catch (IOException | UnsupportedOperationException notWritten) {
                LOG.warning(() -> "First start: created user 'admin', but its generated password could not be written"
                        + " to " + file.toAbsolutePath() + " (" + notWritten.getMessage() + "). Start again on an"
                        + " empty database with CRM_ADMIN_PASSWORD set.");
            }
        } else {
            LOG.info("First start: created user 'admin' with the password from CRM_ADMIN_PASSWORD");
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        plugins.stopAll();
    }
}
