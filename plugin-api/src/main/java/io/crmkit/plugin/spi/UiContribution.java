package io.crmkit.plugin.spi;

import io.crmkit.plugin.api.RecordModule;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A screen a plugin adds to the host's UI: a web component that the host loads and places.
 *
 * <p>The host imports {@link #moduleUrl()} as a JavaScript module (a path under the web root, served from
 * the plugin jar's {@code META-INF/resources}), creates the element {@link #elementName()}, and sets the
 * attributes {@code lang} (the UI language, {@code en} or {@code ja}) and, for a {@link RecordPanel},
 * {@code record-module} and {@code record-id}. The element finds the current user and the CSRF token it
 * must send with changes through the host's session endpoint ({@code GET /api/crm/session}).
 */
public sealed interface UiContribution {

    /** Unique within the plugin; part of the host's URL for the screen. */
    String id();

    LocalizedText title();

    /** Path of the JavaScript module that defines the element, for example {@code /whatsapp/ui/messages-tab.js}. */
    String moduleUrl();

    /** The custom element's tag name; it must contain a hyphen. */
    String elementName();

    Access access();

    /**
     * A tab in the host's main navigation.
     *
     * @param badgeUrl where the host reads a count to show on the tab, for example unread messages: a {@code GET}
     *                 path under {@code /api/} that answers {@code {"count": n}} for the current user. The host reads
     *                 it when it draws the navigation, every minute, and at once when an element of the page
     *                 dispatches the bubbling event {@value #BADGE_CHANGED}; it shows no badge for 0.
     */
    record MainTab(String id, LocalizedText title, String moduleUrl, String elementName, Access access,
                   Optional<String> badgeUrl) implements UiContribution {
        /** The event a plugin's element dispatches (bubbling, composed) when the count of its tab's badge changed. */
        public static final String BADGE_CHANGED = "crm-tab-badge-changed";

        public MainTab {
            validate(id, title, moduleUrl, elementName, access);
            Objects.requireNonNull(badgeUrl, "badgeUrl");
            if (badgeUrl.isPresent() && !badgeUrl.get().startsWith("/api/")) {
                throw new IllegalArgumentException("badgeUrl must be a path under /api/: " + badgeUrl.get());
            }
        }

        /** A tab without a badge. */
        public MainTab(String id, LocalizedText title, String moduleUrl, String elementName, Access access) {
            this(id, title, moduleUrl, elementName, access, Optional.empty());
        }
    }

    /**
     * A screen in the host's Settings area.
     *
     * @param section the heading it is listed under, for example "Channels" for "Channels &gt; Messages"
     */
    record SettingsScreen(String id, LocalizedText section, LocalizedText title, String moduleUrl, String elementName,
                          Access access) implements UiContribution {
        public SettingsScreen {
            Objects.requireNonNull(section, "section");
            validate(id, title, moduleUrl, elementName, access);
        }
    }

    /** A panel on the page of one record of a module, for example WhatsApp messages on a contact. */
    record RecordPanel(String id, RecordModule module, LocalizedText title, String moduleUrl, String elementName,
                       Access access) implements UiContribution {
        public RecordPanel {
            Objects.requireNonNull(module, "module");
            validate(id, title, moduleUrl, elementName, access);
        }
    }

    private static void validate(String id, LocalizedText title, String moduleUrl, String elementName, Access access) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(access, "access");
        if (id == null || !Patterns.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("contribution id must match " + Patterns.ID + ": " + id);
        }
        if (moduleUrl == null || !moduleUrl.startsWith("/") || !moduleUrl.endsWith(".js")) {
            throw new IllegalArgumentException("moduleUrl must be an absolute path to a .js module: " + moduleUrl);
        }
        if (elementName == null || !Patterns.ELEMENT.matcher(elementName).matches()) {
            throw new IllegalArgumentException("elementName must be a custom element name: " + elementName);
        }
    }

    /** Holder so that the patterns are compiled once; interfaces cannot have private static fields. */
    final class Patterns {
        static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");
        static final Pattern ELEMENT = Pattern.compile("[a-z][a-z0-9]*-[a-z0-9-]+");

        private Patterns() {
        }
    }
}
