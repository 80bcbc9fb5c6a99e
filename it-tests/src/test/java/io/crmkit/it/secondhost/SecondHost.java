package io.crmkit.it.secondhost;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.RecordLinks;
import io.crmkit.plugin.api.RecordNotFoundException;
import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.net.URI;
import java.util.Optional;

/**
 * A second host CRM, as small as the contract allows: its records in a schema of its own read with plain JDBC, its
 * users signing in with HTTP Basic, and its record pages under {@code /records}. It shares nothing with the reference
 * host, so that the plugin's tests passing on it show that the plugin needs nothing but {@code plugin-api}.
 */
@ApplicationScoped
public class SecondHost implements CrmHost {
    /** The signed-in caller of the request this thread serves, set by {@link SecondHostLogin}. */
    private static final ThreadLocal<CurrentUser> CALLER = new ThreadLocal<>();

    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;

    static void serve(CurrentUser caller) {
        CALLER.set(caller);
    }

    static void served() {
        CALLER.remove();
    }

    @Override
    public String apiVersion() {
        return "1.0";
    }

    @Override
    public Optional<CurrentUser> currentUser() {
        return Optional.ofNullable(CALLER.get());
    }

    @Override
    public OrganisationServices organisation(long organisationId) {
        Sql sql = new Sql(dataSource);
        if (sql.one("select id from second_host.organisation where id = ?", rows -> rows.getLong(1), organisationId).isEmpty()) {
            throw new RecordNotFoundException("organisation", organisationId);
        }
        return new SecondHostServices(organisationId, sql, () -> currentUser().map(CurrentUser::locale));
    }

    @Override
    public RecordLinks links() {
        return record -> URI.create("/records/" + record.module().pathSegment() + "/" + record.id());
    }
}
