package io.crmkit.plugin.spi;

import io.crmkit.plugin.api.CrmHost;

import java.nio.file.Path;

/** What the host hands a plugin at start. */
public interface PluginContext {

    /** The host's services, the same instance that CDI injects. */
    CrmHost host();

    /**
     * Where every host binds the JTA data source it shares with its plugins, so that a plugin's
     * {@code persistence.xml} can name it. Each plugin keeps its tables in a schema of its own, named after
     * its id, and migrates that schema itself; it never reads the host's tables. Sharing one data source
     * lets a plugin's changes and the host services it calls commit in one local transaction.
     */
    String DATA_SOURCE_JNDI_NAME = "java:app/jdbc/crm";

    /** The JNDI name of the shared data source; {@link #DATA_SOURCE_JNDI_NAME} in version 1. */
    default String dataSourceName() {
        return DATA_SOURCE_JNDI_NAME;
    }

    /** The base URL under which the host is reachable from outside, for example {@code http://localhost:8080}. */
    String publicBaseUrl();

    /**
     * The host's folder for files kept across restarts, such as keys. A plugin keeps its own in a subfolder
     * named after its id, readable by the server's account only. Each node of a cluster has its own. A host
     * that does not say answers {@code data} under the working directory.
     */
    default Path dataDirectory() {
        return Path.of("data");
    }
}
