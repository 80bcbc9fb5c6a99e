package io.crmkit.it;

import io.crmkit.it.secondhost.SecondHostRecords;
import io.crmkit.it.support.HostRecords;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/**
 * The CRM beside a chat on the second host, a minimal one that knows the plugin only through {@code plugin-api}: the
 * same tests as on the reference host.
 */
@ExtendWith(ArquillianExtension.class)
class RelatedRecordsOnSecondHostIT extends RelatedRecordsTests {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return SecondHostRecords.application();
    }

    @Override
    protected HostRecords host() {
        return new SecondHostRecords(base);
    }
}
