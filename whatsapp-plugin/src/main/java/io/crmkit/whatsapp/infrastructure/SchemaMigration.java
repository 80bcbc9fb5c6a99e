package io.crmkit.whatsapp.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Migrates the plugin's own schema ({@code whatsapp}) with its own Flyway history. */
@ApplicationScoped
public class SchemaMigration {
    public static final String SCHEMA = "whatsapp";

    public void migrate(String dataSourceName) {
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(dataSourceName);
        } catch (NamingException missing) {
            throw new IllegalStateException("The host provides no data source at " + dataSourceName, missing);
        }
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/whatsapp")
                .load()
                .migrate();
    }
}
