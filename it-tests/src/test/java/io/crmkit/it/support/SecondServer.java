package io.crmkit.it.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application on a Payara Micro process of the test's own, beside the Arquillian-managed one: a server
 * the test can kill outright ({@code SIGKILL}, no shutdown hooks, no finished requests) and start again on
 * the same port, database and data folder.
 */
public final class SecondServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Path folder;
    private final List<String> properties = new ArrayList<>();
    private final String adminPassword;
    private Process process;

    /**
     * @param settings system properties of the server ({@code -Dname=value}), beside its port and folders;
     *                 {@code crm.admin.password} among them, or none for a password the server generates
     */
    public SecondServer(String name, Map<String, String> settings) {
        this.port = EmbeddedDatabaseSession.freePort();
        this.adminPassword = settings.get("crm.admin.password");
        this.folder = Path.of(System.getProperty("it.tmpdir", "target/tmp"), name);
        settings.forEach((key, value) -> properties.add("-D" + key + "=" + value));
        properties.add("-Dcrm.public-base-url=" + base());
        properties.add("-Dcrm.data-dir=" + dataFolder());
    }

    public String base() {
        return "http://localhost:" + port + "/";
    }

    public URL url() {
        try {
            return URI.create(base()).toURL();
        } catch (java.net.MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Starts the server and waits until its application answers: ready, and its REST API answering the
     * administrator (health and pages answer a moment before the API does).
     */
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(folder.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + folder.resolve("tmp")));
        command.addAll(properties);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--deploy", System.getProperty("app.war"),
                "--port", Integer.toString(port), "--nocluster"));
        File log = log().toFile();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Instant deadline = Instant.now().plusSeconds(150);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second server stopped while starting; see " + log);
            }
            // The server's own health answers before the application is deployed; the application's checks (the
            // database's) appear once it is, and only then is the administrator there to log in: asking earlier
            // would count as failed logins and be throttled.
            if (applicationReady() && answers("api/crm/session", 200)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the second server did not start within 150 s; see " + log);
    }

    /**
     * The administrator's password: the one it was given, or else the one it generated on its first start and
     * wrote into its data folder (empty until then).
     */
    public String adminPassword() {
        if (adminPassword != null) {
            return adminPassword;
        }
        try {
            Path generated = dataFolder().resolve("initial-admin-password");
            return Files.exists(generated) ? Files.readString(generated).strip() : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    public Path dataFolder() {
        return folder.resolve("data");
    }

    /** Everything the server wrote to its console and log. */
    public Path log() {
        return folder.resolve("server.log");
    }

    private boolean applicationReady() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"database\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean answers(String path, int status) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(2))
                    .header("Accept", "application/json").header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString(("admin:" + adminPassword()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == status;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the server at once, as a crash or {@code kill -9} would: nothing it was doing finishes. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the second server did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
