package io.crmkit.it;

import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.HostRecords;
import io.crmkit.it.support.ReferenceHostRecords;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void japaneseReadersSeeTheStagesAsTheCrmShowsThemInJapanese() throws Exception {
        long[] chat = chat();
        String first = host().stages().get(0);
        host().newPipelineRecord("Matcha order", first, Optional.empty(), Optional.of(chat[1]));
        JsonObject related = host().administrator().getWith("/api/whatsapp/conversations/" + chat[0] + "/related",
                "Accept-Language", "ja").json();
        assertEquals("Qualification", first);
        assertEquals("見込み評価", related.getJsonArray("stages").getJsonObject(0).getString("label"));
        assertEquals("見込み評価", related.getJsonArray("pipelineRecords").getJsonObject(0).getString("stageLabel"));
        assertEquals("Qualification", related.getJsonArray("pipelineRecords").getJsonObject(0).getString("stage"));
    }
}
