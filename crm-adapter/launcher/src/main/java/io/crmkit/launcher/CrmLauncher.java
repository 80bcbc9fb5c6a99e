package io.crmkit.launcher;

import io.crmkit.plugin.api.BaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the CRM on one machine: an embedded PostgreSQL whose data stays under the data folder (unless
 * {@code DB_URL} names another server), then Payara Micro with the CRM and its plugins, and waits until it
 * answers. Ctrl-C stops the server, then the database.
 */
public final class CrmLauncher {
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final LaunchSettings settings;
    private final Path runtimeDir;
    private volatile EmbeddedPostgres database;
    private volatile Process server;

    private CrmLauncher(LaunchSettings settings, Path runtimeDir) {
        this.settings = settings;
        this.runtimeDir = runtimeDir;
    }

    public static void main(String[] args) throws Exception {
        LaunchSettings settings;
        try {
            settings = LaunchSettings.from(System.getenv());
        } catch (IllegalArgumentException badSetting) {
            System.err.println(badSetting.getMessage());
            System.exit(2);
            return;
        }
        Path jar = Path.of(CrmLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CrmLauncher launcher = new CrmLauncher(settings, jar.getParent().resolve("runtime"));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "crm-shutdown"));
        System.exit(launcher.run());
    }

    private int run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(settings.dataDir());
        Map<String, String> serverEnv = new java.util.HashMap<>();
        Optional<String> printedPassword = Optional.empty();
        if (settings.externalDbUrl().isPresent()) {
            say("Using the PostgreSQL at " + settings.externalDbUrl().get());
            serverEnv.put("DB_URL", settings.externalDbUrl().get());
            serverEnv.put("DB_USER", settings.dbUser());
            serverEnv.put("DB_PASSWORD", settings.dbPassword());
            settings.adminPassword().ifPresent(p -> serverEnv.put("CRM_ADMIN_PASSWORD", p));
        } else {
            Path pgData = settings.dataDir().resolve("postgres");
            boolean firstStart = !Files.exists(pgData.resolve("PG_VERSION"));
            say("Starting the embedded PostgreSQL (data in " + pgData + ")...");
            database = durableDatabase(pgData).start();
            serverEnv.put("DB_URL", database.getJdbcUrl("postgres", "postgres"));
            serverEnv.put("DB_USER", "postgres");
            serverEnv.put("DB_PASSWORD", "postgres");
            if (firstStart) {
                String password = settings.adminPassword().orElseGet(CrmLauncher::randomPassword);
                serverEnv.put("CRM_ADMIN_PASSWORD", password);
                printedPassword = settings.adminPassword().isPresent() ? Optional.empty() : Optional.of(password);
            } else {
                settings.adminPassword().ifPresent(p -> serverEnv.put("CRM_ADMIN_PASSWORD", p));
            }
            say("PostgreSQL is ready on port " + database.getPort());
        }
        serverEnv.put("HTTP_PORT", Integer.toString(settings.httpPort()));
        serverEnv.put("CRM_DATA_DIR", settings.dataDir().toString());
        if (System.getenv("CRM_PUBLIC_BASE_URL") == null) {
            serverEnv.put("CRM_PUBLIC_BASE_URL", localAddress().toString());
        }
        server = startServer(serverEnv);
        say("Starting Payara Micro with the CRM on port " + settings.httpPort() + "...");
        if (!awaitHealthy()) {
            say("The application did not start; the server log above says why.");
            stop();
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        BaseUrl base = localAddress();
        say("");
        say("================================================================");
        say(String.format("  The CRM is ready after %.1f s: %s", seconds, base));
        say("  Log in as 'admin' with password: " + printedPassword.orElse(
                settings.adminPassword().isPresent() ? "(your CRM_ADMIN_PASSWORD)" : "(the one given on the first start)"));
        say("  Stop with Ctrl-C.");
        say("================================================================");
        return server.waitFor();
    }

    /**
     * The embedded PostgreSQL, as durable as a production server: the builder's defaults are for throwaway test
     * databases ({@code -F}, fsync off, and {@code synchronous_commit=off}), under which a webhook acknowledged as
     * stored could vanish in a crash a moment later, and Meta does not send it again. The settings given here come
     * after the builder's {@code -F} on PostgreSQL's command line, so they win.
     */
    static EmbeddedPostgres.Builder durableDatabase(Path pgData) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100");
    }

    private Process startServer(Map<String, String> env) throws IOException {
        Path serverDir = settings.dataDir().resolve("payara");
        Files.createDirectories(serverDir);
        // Payara Micro would first start the application its runtime folder remembers, stop it, then deploy
        // ROOT.war: a fresh runtime folder each start deploys once.
        deleteRecursively(serverDir.resolve("root"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + serverDir.resolve("tmp"),
                "-jar", runtimeDir.resolve("payara-micro.jar").toString(),
                "--deploy", runtimeDir.resolve("ROOT.war").toString(),
                "--port", Integer.toString(settings.httpPort()),
                "--nocluster",
                "--rootDir", serverDir.resolve("root").toString()));
        Files.createDirectories(serverDir.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Waits until the server answers {@code /health} and the application serves its login page. A server
     * that is healthy but keeps answering 404 for the page failed to deploy the application.
     */
    private boolean awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        BaseUrl base = localAddress();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        long healthySince = 0;
        while (System.nanoTime() < deadline && server.isAlive()) {
            if (status(http, base.resolve("health")) == 200) {
                if (status(http, base.resolve("login")) == 200) {
                    return true;
                }
                healthySince = healthySince == 0 ? System.nanoTime() : healthySince;
                if (System.nanoTime() - healthySince > Duration.ofSeconds(20).toNanos()) {
                    return false;
                }
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** This machine's address of the server, as a browser on it reaches the server. */
    private BaseUrl localAddress() {
        try {
            return new BaseUrl(new URI("http", null, "localhost", settings.httpPort(), "/", null, null));
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static int status(HttpClient http, URI url) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    private void stop() {
        Process running = server;
        if (running != null && running.isAlive()) {
            say("Stopping the server...");
            running.destroy();
            try {
                if (!running.waitFor(30, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException interrupted) {
                running.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        EmbeddedPostgres db = database;
        if (db != null) {
            say("Stopping PostgreSQL...");
            try {
                db.close();
            } catch (IOException failed) {
                System.err.println("PostgreSQL did not stop cleanly: " + failed.getMessage());
            }
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static void say(String line) {
        System.out.println("[crm] " + line);
        System.out.flush();
    }
}
