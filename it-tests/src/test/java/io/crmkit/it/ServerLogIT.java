package io.crmkit.it;

import io.crmkit.it.support.ServerLog;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after every other test class ({@link ClassOrderer.OrderAnnotation}, set in junit-platform.properties):
 * a normal run, failure paths included, leaves no SEVERE line in any server's log.
 */
@Order(Integer.MAX_VALUE)
class ServerLogIT {

    @Test
    void theServersLoggedNothingSevere() {
        Path folder = Path.of(System.getProperty("it.tmpdir", "target/tmp"));
        assertFalse(ServerLog.files(folder).isEmpty(), "the servers wrote their logs to " + folder.toAbsolutePath());
        List<String> severe = ServerLog.severeLines(folder);
        assertTrue(severe.isEmpty(), severe.size() + " SEVERE lines in the server logs:\n"
                + String.join("\n", severe.subList(0, Math.min(20, severe.size()))));
    }
}
