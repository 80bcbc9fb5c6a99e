package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.infrastructure.graph.GraphSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxSwitchTest {

    private static SandboxSwitch sandbox(boolean enabled, boolean graphIsMeta) {
        SandboxSwitch sandbox = new SandboxSwitch();
        sandbox.enabled = enabled;
        sandbox.graph = new GraphSettings() {
            @Override
            public boolean pointsAtMeta() {
                return graphIsMeta;
            }
        };
        sandbox.decide();
        return sandbox;
    }

    @Test
    void onInTheDemoOffWhenTurnedOff() {
        assertTrue(sandbox(true, false).isOn());
        assertFalse(sandbox(false, false).isOn());
    }

    @Test
    void neverOnBesideMetaWhateverItsFlagSays() {
        assertFalse(sandbox(true, true).isOn());
    }
}
