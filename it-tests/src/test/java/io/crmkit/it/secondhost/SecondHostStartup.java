package io.crmkit.it.secondhost;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.spi.CrmPlugin;
import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the second host up: its schema, a first organisation with an administrator on an empty database, then every
 * plugin deployed with it (a CDI bean implementing {@link CrmPlugin}). Its database is its own, named in
 * the {@code web.xml} its deployment is given.
 */
@ApplicationScoped
public class SecondHostStartup {
    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;
    @Inject
    CrmHost host;
    @Inject
    @Any
    Instance<CrmPlugin> plugins;
    @Inject
    Pbkdf2PasswordHash passwords;
    @Inject
    @ConfigProperty(name = "crm.admin.password")
    String adminPassword;
    @Inject
    @ConfigProperty(name = "crm.public-base-url")
    String publicBaseUrl;
    @Inject
    @ConfigProperty(name = "crm.data-dir")
    String dataDirectory;

    private final List<CrmPlugin> started = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Flyway.configure(SecondHostStartup.class.getClassLoader()).dataSource(dataSource).schemas("second_host")
                .locations("classpath:second-host").load().migrate();
        Sql sql = new Sql(dataSource);
        if (sql.one("select count(*) from second_host.organisation", rows -> rows.getLong(1)).orElseThrow() == 0) {
            long organisation = sql.change("insert into second_host.organisation (name, region, stages)"
                    + " values ('Second host', 'JP', array['Lead', 'Offer', 'Won', 'Lost']) returning id");
            long administrators = sql.change("insert into second_host.profile (organisation_id, name, administrator,"
                    + " edits_records) values (?, 'Administrators', true, true) returning id", organisation);
            sql.change("insert into second_host.profile (organisation_id, name, administrator, edits_records)"
                    + " values (?, 'Sales', false, true)", organisation);
            sql.change("insert into second_host.person (organisation_id, login, name, password_hash, profile_id, active)"
                    + " values (?, 'admin', 'Administrator', ?, ?, true)", organisation,
                    passwords.generate(adminPassword.toCharArray()), administrators);
        }
        PluginContext context = new PluginContext() {
            @Override
            public CrmHost host() {
                return host;
            }

            @Override
            public String publicBaseUrl() {
                return publicBaseUrl;
            }

            @Override
            public Path dataDirectory() {
                return Path.of(dataDirectory);
            }
        };
        for (CrmPlugin plugin : plugins) {
            plugin.start(context);
            started.add(plugin);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        started.forEach(CrmPlugin::stop);
        started.clear();
    }
}
