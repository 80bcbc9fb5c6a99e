package io.crmkit.plugin.spi;

import io.crmkit.plugin.api.RecordModule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PluginDescriptorTest {

    private static final LocalizedText TITLE = new LocalizedText("Messages", "メッセージ");
    private static final PermissionDeclaration READ = new PermissionDeclaration("READ", TITLE, TITLE);

    private static UiContribution tab(String id, Access access) {
        return new UiContribution.MainTab(id, TITLE, "/demo/tab.js", "demo-tab", access);
    }

    @Test
    void aContributionMayNotNeedAnUndeclaredPermission() {
        List<UiContribution> contributions = List.of(tab("tab", Access.permission("WRITE")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new PluginDescriptor("demo", "1", TITLE, contributions, List.of(READ)));
        assertEquals("contribution tab needs undeclared permission WRITE", error.getMessage());
    }

    @Test
    void contributionIdsAreUniqueWithinAPlugin() {
        List<UiContribution> twice = List.of(tab("tab", Access.administrators()), tab("tab", Access.administrators()));
        assertThrows(IllegalArgumentException.class, () -> new PluginDescriptor("demo", "1", TITLE, twice, List.of()));
    }

    @Test
    void pluginIdsAreLowercaseWords() {
        assertThrows(IllegalArgumentException.class,
                () -> new PluginDescriptor("Demo Plugin", "1", TITLE, List.of(), List.of()));
    }

    @Test
    void contributionsNameAJavaScriptModuleAndACustomElement() {
        assertThrows(IllegalArgumentException.class, () -> new UiContribution.RecordPanel("panel",
                RecordModule.CONTACTS, TITLE, "panel.html", "demo-panel", Access.administrators()));
        assertThrows(IllegalArgumentException.class, () -> new UiContribution.RecordPanel("panel",
                RecordModule.CONTACTS, TITLE, "/demo/panel.js", "panel", Access.administrators()));
    }

    @Test
    void aTabsBadgeIsReadFromThePluginsApi() {
        UiContribution.MainTab counted = new UiContribution.MainTab("tab", TITLE, "/demo/tab.js", "demo-tab",
                Access.administrators(), Optional.of("/api/demo/count"));
        assertEquals(Optional.of("/api/demo/count"), counted.badgeUrl());
        assertEquals(Optional.empty(), ((UiContribution.MainTab) tab("tab", Access.administrators())).badgeUrl());
        assertThrows(IllegalArgumentException.class, () -> new UiContribution.MainTab("tab", TITLE, "/demo/tab.js",
                "demo-tab", Access.administrators(), Optional.of("https://elsewhere.example/count")));
    }

    @Test
    void localizedTextFallsBackToEnglish() {
        assertEquals("メッセージ", TITLE.in(Locale.JAPANESE));
        assertEquals("Messages", TITLE.in(Locale.FRENCH));
        assertThrows(IllegalArgumentException.class, () -> new LocalizedText("Messages", " "));
    }
}
