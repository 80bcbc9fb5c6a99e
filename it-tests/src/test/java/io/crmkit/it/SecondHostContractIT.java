package io.crmkit.it;

import io.crmkit.it.secondhost.SecondHostRecords;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.contract.HostServicesContract;
import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The second host passes plugin-api's contract test kit, run inside its deployed application. */
@ExtendWith(ArquillianExtension.class)
class SecondHostContractIT extends HostServicesContract {

    @Deployment
    static WebArchive application() {
        return SecondHostRecords.application().addClasses(SecondHostContractIT.class, HostServicesContract.class);
    }

    /** Created once in the container: the contract needs a second organisation to prove isolation. */
    private static volatile long otherOrganisation;

    @Inject
    CrmHost host;
    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;

    @Override
    protected CrmHost host() {
        return host;
    }

    private long number(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }

    @Override
    protected long organisationId() {
        return number("select organisation_id from second_host.person where login = 'admin'");
    }

    @Override
    protected long administratorId() {
        return number("select id from second_host.person where login = 'admin'");
    }

    @Override
    protected synchronized long otherOrganisationId() {
        if (otherOrganisation == 0) {
            long organisation = number("insert into second_host.organisation (name, region, stages)"
                    + " values ('Contract other', 'JP', array['Lead', 'Won']) returning id");
            long administrators = number("insert into second_host.profile (organisation_id, name, administrator, edits_records)"
                    + " values (" + organisation + ", 'Administrators', true, true) returning id");
            number("insert into second_host.person (organisation_id, login, name, password_hash, profile_id, active)"
                    + " values (" + organisation + ", 'contract-" + organisation + "', 'Other administrator', 'not a hash', "
                    + administrators + ", true) returning id");
            otherOrganisation = organisation;
        }
        return otherOrganisation;
    }
}
