package io.crmkit.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check that a run's server logs hold no SEVERE line finds them in both formats Payara writes. */
class ServerLogTest {

    @Test
    void findsSevereLinesOfBothFormatsInEveryRotatedFile(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("server.log.0"), """
                Nov 30, 2026 10:45:42 AM org.glassfish.enterprise.concurrent.ManagedThreadFactoryImpl run
                SEVERE: concurrent/__defaultManagedScheduledExecutorService-managedThreadFactory
                Nov 30, 2026 10:45:43 AM io.crmkit.whatsapp.application.WakeableLoop lambda
                INFO: all well
                """);
        Files.writeString(folder.resolve("server.log.1"),
                "[2026-11-30T10:45:42.381+0000] [] [\u001B[1;91mSEVERE\u001B[0m] [] [org.glassfish] [[\n  broken\n");
        Files.writeString(folder.resolve("server.log.0.lck"), "");

        List<String> severe = ServerLog.severeLines(folder);

        assertEquals(2, severe.size(), String.join("\n", severe));
        assertTrue(severe.get(0).contains("ManagedScheduledExecutorService"), severe.get(0));
        assertTrue(severe.get(1).contains("broken"), severe.get(1));
    }

    @Test
    void readsTheLogsOfServersInFoldersOfTheirOwnAndNamesTheirFiles(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("server.log"), "INFO: the Arquillian server\n");
        Files.createDirectories(folder.resolve("node-2/tmp"));
        Files.writeString(folder.resolve("node-2/server.log"), "INFO: started\nSEVERE: second node broke\nnext\n");
        Files.writeString(folder.resolve("node-2/tmp/server.log.2"), "SEVERE: rotated\n");

        List<String> severe = ServerLog.severeLines(folder);

        assertEquals(List.of(Path.of("node-2", "server.log") + ": SEVERE: second node broke | next",
                Path.of("node-2", "tmp", "server.log.2") + ": SEVERE: rotated"), severe);
    }

    @Test
    void aCleanLogHasNone(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("server.log.0"), "INFO: started\nWARNING: a customer's number was refused\n");
        assertTrue(ServerLog.severeLines(folder).isEmpty());
    }

    @Test
    void logsOfAnEarlierRunAreForgotten(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("server.log.3"), "SEVERE: old\n");
        Files.createDirectories(folder.resolve("crashing-node"));
        Files.writeString(folder.resolve("crashing-node/server.log"), "SEVERE: old\n");
        ServerLog.forget(folder);
        assertTrue(ServerLog.files(folder).isEmpty());
    }

    @Test
    void findsCustomersNumbersWhereverTheyStandAndOnlyThose(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("node-1"));
        Files.writeString(folder.resolve("node-1/server.log"), """
                [timeMillis: 1796689549284] INFO: Message 27: no answer from Meta
                INFO: a new contact for +819012345678 was created
                INFO: account 1234567890123 synced
                """);

        List<String> found = ServerLog.linesWithNumbers(folder, java.util.Set.of("819012345678", "447700900123"));

        assertEquals(List.of(Path.of("node-1", "server.log") + ": 819012345678 in: INFO: a new contact for +819012345678"
                + " was created"), found);
    }
}
