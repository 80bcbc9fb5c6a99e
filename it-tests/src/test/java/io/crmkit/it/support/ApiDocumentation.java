package io.crmkit.it.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations the HTTP contract ({@code docs/api.md}) lists, the operations the running application publishes
 * in its OpenAPI document, and what differs between the two.
 * <p>
 * In the Markdown an operation is a list item or a table row that begins with a code span holding a method and a
 * path, such as {@code - `GET /api/whatsapp/channels/{id}` — one channel}; a query after the path is not part of
 * it, and an operation mentioned inside a sentence is not listed. A section whose heading ends with
 * {@code (not in /openapi)} (the path in a code span or not) lists what the server serves outside its JAX-RS
 * applications, and is skipped with its subsections.
 */
public final class ApiDocumentation {

    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");

    private static final Pattern LISTED = Pattern.compile(
            "^\\s*(?:[-*+]|\\d+\\.|\\|)\\s*`(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE)\\s+(/[^`\\s?]*)(?:\\?[^`]*)?`");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");

    private static final Pattern UNPUBLISHED_HEADING = Pattern.compile("\\(not in `?/openapi`?\\)$");

    /** A JAX-RS path parameter with a regular expression, such as {@code {id: [0-9]+}}. */
    private static final Pattern CONSTRAINED_PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*:[^}]*}");

    private ApiDocumentation() {
    }

    /** One operation: an HTTP method in capitals and a path template such as {@code /api/whatsapp/channels/{id}}. */
    public record Operation(String method, String path) implements Comparable<Operation> {

        public Operation {
            method = method.toUpperCase(Locale.ROOT);
            path = normalised(path);
        }

        @Override
        public int compareTo(Operation other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What the two lists do not share: each side's operations that the other lacks, sorted by path. */
    public record Differences(SortedSet<Operation> undocumented, SortedSet<Operation> unpublished) {

        public boolean none() {
            return undocumented.isEmpty() && unpublished.isEmpty();
        }

        /** A message that names every operation that differs, one a line. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (!undocumented.isEmpty()) {
                text.append("operations that /openapi has and docs/api.md lacks:");
                undocumented.forEach(operation -> text.append("\n  ").append(operation));
            }
            if (!unpublished.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append("operations that docs/api.md lists and /openapi does not have:");
                unpublished.forEach(operation -> text.append("\n  ").append(operation));
            }
            return text.toString();
        }
    }

    /** Every operation the Markdown lists, outside the sections marked as not in {@code /openapi}. */
    public static SortedSet<Operation> documented(String markdown) {
        SortedSet<Operation> operations = new TreeSet<>();
        int skippedLevel = 0;
        for (String line : markdown.split("\\R")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int level = heading.group(1).length();
                if (skippedLevel == 0 || level <= skippedLevel) {
                    skippedLevel = UNPUBLISHED_HEADING.matcher(heading.group(2)).find() ? level : 0;
                }
                continue;
            }
            Matcher listed = LISTED.matcher(line);
            if (skippedLevel == 0 && listed.find()) {
                operations.add(new Operation(listed.group(1), listed.group(2)));
            }
        }
        return operations;
    }

    /** Every operation of an OpenAPI document's {@code paths}. */
    public static SortedSet<Operation> published(JsonObject openApi) {
        SortedSet<Operation> operations = new TreeSet<>();
        JsonObject paths = openApi.getJsonObject("paths");
        if (paths == null) {
            return operations;
        }
        paths.forEach((path, item) -> {
            if (item.getValueType() == JsonValue.ValueType.OBJECT) {
                item.asJsonObject().keySet().stream()
                        .filter(key -> METHODS.contains(key.toUpperCase(Locale.ROOT)))
                        .forEach(method -> operations.add(new Operation(method, path)));
            }
        });
        return operations;
    }

    public static Differences compare(Collection<Operation> published, Collection<Operation> documented) {
        SortedSet<Operation> undocumented = new TreeSet<>(published);
        undocumented.removeAll(documented);
        SortedSet<Operation> unpublished = new TreeSet<>(documented);
        unpublished.removeAll(published);
        return new Differences(undocumented, unpublished);
    }

    /** A path as both sides write it: parameters without their regular expressions, no trailing slash. */
    static String normalised(String path) {
        String plain = CONSTRAINED_PARAMETER.matcher(path.strip()).replaceAll("{$1}").replaceAll("/{2,}", "/");
        if (!plain.startsWith("/")) {
            plain = "/" + plain;
        }
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }
}
