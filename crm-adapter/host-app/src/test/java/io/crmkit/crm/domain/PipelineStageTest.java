package io.crmkit.crm.domain;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PipelineStageTest {

    @Test
    void everyDefaultStageHasAJapaneseNameAndAStageAnOrganisationNamedKeepsItsName() {
        for (String stage : PipelineStage.DEFAULTS) {
            assertEquals(stage, PipelineStage.labelIn(stage, Locale.ENGLISH));
            assertNotEquals(stage, PipelineStage.labelIn(stage, Locale.JAPANESE), stage);
        }
        assertEquals("受注", PipelineStage.labelIn("Closed won", Locale.JAPANESE));
        assertEquals("Tea tasting", PipelineStage.labelIn("Tea tasting", Locale.JAPANESE));
    }
}
