package io.crmkit.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the run's servers logged: the server Arquillian starts writes {@code server.log*} files (Payara Micro's
 * {@code --logToFile}, rotated at 1 MB) into the run's temporary folder, and every other server a test starts
 * (second nodes, crashed and restarted servers, the launcher) writes its {@code server.log} into a folder of its own
 * below it. All of them are read, at any depth.
 */
public final class ServerLog {
    /** {@code server.log.0}, {@code server.log.1} ...; not the handler's {@code .lck} files. */
    private static final Pattern LOG_FILE = Pattern.compile("server\\.log(\\.[0-9]+)?");
    /** Payara colours the level names of its own format with ANSI escapes. */
    private static final Pattern TERMINAL_COLOURS = Pattern.compile("\u001B\\[[0-9;]*m");

    private ServerLog() {
    }

    /** Removes the logs of an earlier run, so that a run is judged by its own lines. */
    public static void forget(Path folder) throws IOException {
        for (Path file : files(folder)) {
            Files.delete(file);
        }
    }

    /**
     * The log files of this run, in {@code folder} and every folder below it. Servers that are stopping delete their
     * own temporary folders meanwhile: what vanishes during the walk is passed over.
     */
    public static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> logs = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && LOG_FILE.matcher(file.getFileName().toString()).matches()) {
                        logs.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException vanished) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        logs.sort(null);
        return logs;
    }

    /** A run of digits as long as a phone number, with or without its {@code +}. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{7,15}");

    /**
     * Each logged line that holds one of {@code numbers} (phone numbers as digits, without {@code +}), after the path of
     * its file relative to {@code folder}: customers' numbers are personal data, which the log must not keep.
     */
    public static List<String> linesWithNumbers(Path folder, java.util.Set<String> numbers) {
        List<String> found = new ArrayList<>();
        for (Path file : files(folder)) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    java.util.regex.Matcher digits = DIGITS.matcher(line);
                    while (digits.find()) {
                        if (numbers.contains(digits.group())) {
                            found.add(folder.relativize(file) + ": " + digits.group() + " in: " + line);
                            return;
                        }
                    }
                });
            } catch (IOException | java.io.UncheckedIOException unreadable) {
                // a file a stopping server deleted meanwhile, or one that is not text
            }
        }
        return found;
    }

    /**
     * Each line at level SEVERE, with the line after it (where the log's format puts the message), after the path of
     * its file relative to {@code folder}.
     */
    public static List<String> severeLines(Path folder) {
        List<String> severe = new ArrayList<>();
        for (Path file : files(folder)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = TERMINAL_COLOURS.matcher(lines.get(i)).replaceAll("");
                if (line.startsWith("SEVERE:") || line.contains("[SEVERE]")) {
                    severe.add(folder.relativize(file) + ": " + line + (i + 1 < lines.size() ? " | " + lines.get(i + 1) : ""));
                }
            }
        }
        return severe;
    }
}
