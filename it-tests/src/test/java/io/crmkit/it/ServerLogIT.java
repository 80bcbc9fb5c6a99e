package io.crmkit.it;

import io.crmkit.it.support.ServerLog;
import io.crmkit.it.support.TestDatabase;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after every other test class ({@link ClassOrderer.OrderAnnotation}, set in junit-platform.properties):
 * a normal run, failure paths included, leaves no SEVERE line and no customer's number in any server's log.
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

    /** Every customer's number of the run, in every database of the run's PostgreSQL that has chats. */
    @Test
    void noCustomersNumberIsInAnyServersLog() {
        Set<String> numbers = new HashSet<>();
        for (String database : TestDatabase.strings("select datname from pg_database where not datistemplate")) {
            String url = TestDatabase.urlOf(database);
            if (TestDatabase.numberIn(url, "select count(*) from information_schema.tables"
                    + " where table_schema = 'whatsapp' and table_name = 'conversation'") > 0) {
                numbers.addAll(TestDatabase.stringsIn(url, "select distinct customer_key from whatsapp.conversation"
                        + " where customer_key ~ '^[0-9]{7,15}$'"));
            }
        }
        assertFalse(numbers.isEmpty(), "the run's chats have customers");
        Path folder = Path.of(System.getProperty("it.tmpdir", "target/tmp"));
        List<String> found = ServerLog.linesWithNumbers(folder, numbers);
        assertTrue(found.isEmpty(), found.size() + " lines of the server logs hold a customer's number:\n"
                + String.join("\n", found.subList(0, Math.min(20, found.size()))));
    }
}
