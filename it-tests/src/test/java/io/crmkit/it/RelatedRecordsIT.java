package io.crmkit.it;

import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.HostRecords;
import io.crmkit.it.support.ReferenceHostRecords;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/** The CRM beside a chat on the reference host. */
@ExtendWith(ArquillianExtension.class)
class RelatedRecordsIT extends RelatedRecordsTests {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Override
    protected HostRecords host() {
        return new ReferenceHostRecords(base);
    }
}
