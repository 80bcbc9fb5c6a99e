package io.crmkit.it.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL for the whole test run, started before Arquillian boots the server (which reads its
 * URL from {@code arquillian.xml} through the system properties set here) and stopped at the end.
 */
public class EmbeddedDatabaseSession implements LauncherSessionListener {
    /** Linux hands out local ports for outgoing connections from 32768 up; servers of the tests listen below. */
    private static final int FIRST_PORT = 20_000;
    private static final int PORT_RANGE = 12_000;
    private static final java.util.Random RANDOM = new java.util.Random();
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    /** The first administrator's password in every test deployment. */
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** Meta app secret and webhook verify token of the test deployments (WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN). */
    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";

    /**
     * With {@code -Dit.db.statements=true}, PostgreSQL times every statement (pg_stat_statements), and the run's
     * costliest statements are written at its end to {@code target/bench/statements.tsv}: calls, total and mean
     * milliseconds, rows, statement. How the benchmarks' claim and contact lookups were found to cost the most.
     */
    private static final boolean STATEMENTS = Boolean.getBoolean("it.db.statements");
    private static final int STATEMENTS_LISTED = 60;

    /**
     * With {@code -Dit.db.durable=true} (the benchmarks' profile sets it), PostgreSQL runs as a production server and
     * {@code bin/start} run it: fsync and synchronous commit on. The functional tests turn both off for speed: they
     * prove behaviour, not durability across a power cut, and a crash of the database is not among their scenarios.
     */
    private static final boolean DURABLE = Boolean.getBoolean("it.db.durable");

    private EmbeddedPostgres postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Path tmp = Path.of(System.getProperty("it.tmpdir", "target/tmp"));
            Path dataDir = tmp.resolve("postgres");
            Files.createDirectories(tmp);
            ServerLog.forget(tmp);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                    .setServerConfig("fsync", DURABLE ? "on" : "off")
                    .setServerConfig("synchronous_commit", DURABLE ? "on" : "off");
            if (STATEMENTS) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all");
            }
            postgres = builder.start();
        } catch (IOException failed) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", failed);
        }
        System.setProperty("it.db.url", postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty("it.admin.password", ADMIN_PASSWORD);
        System.setProperty("it.http.port", Integer.toString(freePort()));
        System.setProperty("it.trusted-proxies", String.join(",", thisMachinesAddresses()));
    }

    /**
     * Every address of this machine, as CIDR ranges of one address: the test deployment trusts them as reverse proxies
     * ({@code crm.trusted-proxies}), so that a test can play callers from many addresses with {@code X-Forwarded-For},
     * whichever of them the tests reach the server at.
     */
    private static java.util.List<String> thisMachinesAddresses() {
        java.util.List<String> addresses = new java.util.ArrayList<>(java.util.List.of("127.0.0.0/8", "::1/128"));
        try {
            for (java.net.NetworkInterface face : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress address : java.util.Collections.list(face.getInetAddresses())) {
                    String literal = address.getHostAddress().replaceFirst("%.*$", "");
                    addresses.add(literal + (address instanceof java.net.Inet6Address ? "/128" : "/32"));
                }
            }
        } catch (java.net.SocketException unlisted) {
            // loopback alone, then
        }
        return addresses;
    }

    /**
     * A port for a server, known before it starts so that it can tell the sandbox its own address. It is chosen
     * below the system's ephemeral range (where outgoing connections, the tests' own included, take their local
     * ports, so that none can take it before the server binds it), and never twice in this run.
     */
    public static synchronized int freePort() {
        for (int tries = 0; tries < 200; tries++) {
            int candidate = FIRST_PORT + RANDOM.nextInt(PORT_RANGE);
            if (HANDED_OUT.contains(candidate)) {
                continue;
            }
            try (java.net.ServerSocket socket = new java.net.ServerSocket(candidate)) {
                HANDED_OUT.add(candidate);
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another process listens there: try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_PORT + " and " + (FIRST_PORT + PORT_RANGE));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        // What a test started and did not stop, because it failed before it could, is stopped with the run.
        SecondServer.stopAll();
        HeadlessChromium.quitAll();
        if (postgres != null && STATEMENTS) {
            writeCostliestStatements(Path.of(System.getProperty("bench.dir", "target/bench"), "statements.tsv"));
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the run is over; the data directory is cleaned at the next start
            }
        }
    }

    private void writeCostliestStatements(Path file) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            StringBuilder lines = new StringBuilder("calls\ttotal_ms\tmean_ms\trows\tstatement\n");
            try (ResultSet costliest = statement.executeQuery("""
                    select calls, round(total_exec_time::numeric), round(mean_exec_time::numeric, 3), rows,
                           regexp_replace(query, '\\s+', ' ', 'g')
                    from pg_stat_statements order by total_exec_time desc limit %d""".formatted(STATEMENTS_LISTED))) {
                while (costliest.next()) {
                    for (int column = 1; column <= 5; column++) {
                        lines.append(costliest.getString(column)).append(column < 5 ? '\t' : '\n');
                    }
                }
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines);
        } catch (SQLException | IOException failed) {
            throw new IllegalStateException("the statements' times could not be written to " + file, failed);
        }
    }
}
