package io.crmkit.it;

import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.plugin.api.BaseUrl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product as {@code bin/start} runs it (which, once built, runs exactly this jar): the launcher starts its
 * embedded PostgreSQL with the product's data and Payara Micro with the application, and Ctrl-C stops both.
 */
class LauncherIT {
    private static final Pattern DATABASE_PORT = Pattern.compile("PostgreSQL is ready on port (\\d+)");
    private static final Pattern READY = Pattern.compile("The CRM is ready after [0-9.,]+ s: (\\S+)");

    @Test
    void theProductsDatabaseIsDurableAndEverythingStopsWithTheLauncher() throws Exception {
        Path folder = Path.of(System.getProperty("it.tmpdir", "target/tmp"), "launcher");
        deleteRecursively(folder.resolve("data"));
        Files.createDirectories(folder);
        Path log = folder.resolve("server.log");
        ProcessBuilder launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-jar", System.getProperty("it.launcher.jar"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        launcher.environment().put("HTTP_PORT", Integer.toString(EmbeddedDatabaseSession.freePort()));
        launcher.environment().put("CRM_DATA_DIR", folder.resolve("data").toString());
        launcher.environment().put("CRM_ADMIN_PASSWORD", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        long logFrom = Files.exists(log) ? Files.size(log) : 0;
        Process process = launcher.start();
        try {
            String started = awaitLine(process, log, logFrom, READY, Duration.ofMinutes(3));
            BaseUrl address = BaseUrl.of(matched(READY, started));
            int databasePort = Integer.parseInt(matched(DATABASE_PORT, readFrom(log, logFrom)));

            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(address.resolve("login")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "the login page at the address it printed");
            try (Connection database = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres", "postgres", "postgres")) {
                assertEquals("on", setting(database, "fsync"), "a commit is on disk before it is acknowledged");
                assertEquals("on", setting(database, "synchronous_commit"), "a commit waits for its WAL to be written");
            }

            process.destroy();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the launcher stops on Ctrl-C (SIGTERM)");
            assertFalse(answers(databasePort), "PostgreSQL stopped with the launcher");
            assertFalse(Files.exists(folder.resolve("data/postgres/postmaster.pid")), "PostgreSQL shut down cleanly");
            assertFalse(answers(address.uri().getPort()), "Payara Micro stopped with the launcher");
        } finally {
            stopEverything(process, folder.resolve("data/postgres/postmaster.pid"));
        }
    }

    private static String setting(Connection database, String name) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet value = statement.executeQuery("show " + name)) {
            value.next();
            return value.getString(1);
        }
    }

    /** Waits until the launcher has written a line matching {@code line} since {@code offset}; answers that line. */
    private static String awaitLine(Process process, Path log, long offset, Pattern line, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> found = readFrom(log, offset).lines().filter(text -> line.matcher(text).find()).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("the launcher stopped with exit code " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the launcher did not say it was ready within " + limit.toSeconds() + " s; see " + log);
    }

    private static String readFrom(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }

    private static String matched(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("the launcher's output has no line like " + pattern + ":\n" + text);
        }
        return matcher.group(1);
    }

    private static boolean answers(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * Stops whatever is still running when the test failed half-way: the launcher and its server, and the database,
     * which {@code pg_ctl} started outside the launcher's process tree (its process id is in {@code postmaster.pid}).
     */
    private static void stopEverything(Process launcher, Path postmasterPid) throws InterruptedException {
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        launcher.waitFor(30, TimeUnit.SECONDS);
        try {
            if (Files.exists(postmasterPid)) {
                long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).strip());
                ProcessHandle.of(pid).ifPresent(postgres -> {
                    postgres.destroy();
                    postgres.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(stillAlive -> {
                        postgres.destroyForcibly();
                        return postgres;
                    }).join();
                });
            }
        } catch (IOException | NumberFormatException unreadable) {
            System.err.println("The launcher's PostgreSQL could not be found to stop: " + unreadable);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
