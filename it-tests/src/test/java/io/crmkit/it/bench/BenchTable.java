package io.crmkit.it.bench;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of {@code target/bench/results.json} as a table, run by {@code bin/bench} and {@code bin/bench-table} as
 * a single source file ({@code java --class-path <JSON-P> BenchTable.java ...}), with the JSON-P API and
 * implementation that the build copies to {@code it-tests/target/tools}.
 * <ul>
 * <li>{@code summary <results.json>}: prints every figure that has a target (scenario, figure, value, target, met);
 * exits 1 when any target was missed.</li>
 * <li>{@code readme <results.json> <README.md>}: rewrites the lines between {@code <!-- benchmarks:start -->} and
 * {@code <!-- benchmarks:end -->} with the run's date, machine, commit and PostgreSQL settings, and a markdown table
 * of its figures that have a target;</li>
 * <li>{@code all <results.json> <file.md>}: the same with every figure of the run (for {@code docs/performance.md}).</li>
 * </ul>
 * A figure with a target is an object {@code {"value": 4009, "unit": "events/s", "target": ">= 4000", "met": true}}
 * anywhere in a scenario's figures; other numbers are figures without a target.
 */
public final class BenchTable {
    static final String START = "<!-- benchmarks:start -->";
    static final String END = "<!-- benchmarks:end -->";
    /** What a scenario writes about how it ran rather than what it measured. */
    private static final List<String> NOT_FIGURES = List.of("postgres", "samples");

    private BenchTable() {
    }

    /** One line of the table; {@code target} and {@code met} are empty for a figure without a target. */
    record Row(String scenario, String figure, String value, String target, String met) {
        boolean missed() {
            return met.equals("false");
        }
    }

    public static void main(String[] arguments) throws IOException {
        if (arguments.length == 2 && arguments[0].equals("summary")) {
            List<Row> rows = rows(parse(Files.readString(Path.of(arguments[1]), StandardCharsets.UTF_8)), true);
            System.out.print(plainTable(rows));
            long missed = rows.stream().filter(Row::missed).count();
            System.out.println(rows.isEmpty() ? "No figure with a target." : missed == 0 ? "Every target met."
                    : missed + " of " + rows.size() + " targets missed.");
            System.exit(missed == 0 ? 0 : 1);
        } else if (arguments.length == 3 && (arguments[0].equals("readme") || arguments[0].equals("all"))) {
            boolean targetsOnly = arguments[0].equals("readme");
            Map<String, Object> results = parse(Files.readString(Path.of(arguments[1]), StandardCharsets.UTF_8));
            Path readme = Path.of(arguments[2]);
            try {
                Files.writeString(readme, rewrite(Files.readString(readme, StandardCharsets.UTF_8), markdown(results, targetsOnly)),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException noPlaceForTheTable) {
                System.err.println(readme + ": " + noPlaceForTheTable.getMessage());
                System.exit(1);
            }
        } else {
            System.err.println("usage: BenchTable summary <results.json> | BenchTable readme|all <results.json> <file.md>");
            System.exit(2);
        }
    }

    /** The figures of every scenario, in the order written; with {@code targetsOnly}, those with a target. */
    @SuppressWarnings("unchecked")
    static List<Row> rows(Map<String, Object> results, boolean targetsOnly) {
        List<Row> rows = new ArrayList<>();
        Object scenarios = results.get("scenarios");
        if (scenarios instanceof Map<?, ?> all) {
            for (Map.Entry<String, Object> scenario : ((Map<String, Object>) all).entrySet()) {
                collect(scenario.getKey(), "", scenario.getValue(), targetsOnly, rows);
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String scenario, String path, Object value, boolean targetsOnly, List<Row> rows) {
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> fields = (Map<String, Object>) object;
            if (fields.containsKey("target") && fields.containsKey("met")) {
                String unit = text(fields.get("unit")).isEmpty() ? "" : " " + text(fields.get("unit"));
                rows.add(new Row(scenario, path, text(fields.get("value")) + unit, text(fields.get("target")),
                        text(fields.get("met"))));
                return;
            }
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (!NOT_FIGURES.contains(field.getKey())) {
                    collect(scenario, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(),
                            targetsOnly, rows);
                }
            }
        } else if (!targetsOnly && (value instanceof Double || value == null) && !path.isEmpty()) {
            rows.add(new Row(scenario, path, text(value), "", ""));
        }
    }

    /** The table as {@code bin/bench} prints it, in aligned columns. */
    static String plainTable(List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"scenario", "figure", "value", "target", "met"});
        rows.forEach(row -> lines.add(new String[]{row.scenario(), row.figure(), row.value(), row.target(),
                row.missed() ? "MISSED" : row.met()}));
        int[] widths = new int[5];
        for (String[] line : lines) {
            for (int column = 0; column < 5; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder(" ");
            for (int column = 0; column < 5; column++) {
                text.append(' ').append(String.format(Locale.ROOT, "%-" + widths[column] + "s", line[column]));
            }
            table.append(text.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    /** The lines that go between the markers: when, where and what ran, and every figure (or those with a target). */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results, boolean targetsOnly) {
        StringBuilder text = new StringBuilder();
        Map<String, Object> machine = results.get("machine") instanceof Map<?, ?> known ? (Map<String, Object>) known : Map.of();
        text.append("Run of ").append(text(results.get("date"))).append(", commit `").append(text(results.get("commit")))
                .append("`, on ").append(text(machine.get("cpus"))).append(" cores, ").append(text(machine.get("memory_mib")))
                .append(" MiB, ").append(text(machine.get("java")));
        postgres(results).ifPresent(settings -> text.append("; PostgreSQL with ").append(settings));
        text.append(". Generated by `bin/bench-table` from `target/bench/results.json`.\n\n");
        text.append("| scenario | figure | value | target | met |\n| --- | --- | --- | --- | --- |\n");
        for (Row row : rows(results, targetsOnly)) {
            text.append("| ").append(cell(row.scenario())).append(" | ").append(cell(row.figure())).append(" | ")
                    .append(cell(row.value())).append(" | ").append(cell(row.target())).append(" | ")
                    .append(row.missed() ? "**missed**" : row.met().equals("true") ? "met" : "").append(" |\n");
        }
        return text.toString();
    }

    /** The PostgreSQL settings the first scenario that wrote them ran with, as {@code fsync=on, ...}. */
    @SuppressWarnings("unchecked")
    private static java.util.Optional<String> postgres(Map<String, Object> results) {
        if (results.get("scenarios") instanceof Map<?, ?> scenarios) {
            for (Object scenario : scenarios.values()) {
                if (scenario instanceof Map<?, ?> figures && figures.get("postgres") instanceof Map<?, ?> settings) {
                    List<String> shown = new ArrayList<>();
                    ((Map<String, Object>) settings).forEach((name, value) -> shown.add(name + "=" + text(value)));
                    return java.util.Optional.of(String.join(", ", shown));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * {@code readme} with the lines between the markers replaced by {@code table}; the markers stay.
     *
     * @throws IllegalArgumentException when the markers are missing or out of order
     */
    static String rewrite(String readme, String table) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("README has no lines " + START + " and " + END + ", in that order");
        }
        int afterStart = readme.indexOf('\n', start);
        int endLine = readme.lastIndexOf('\n', end) + 1;
        if (afterStart < 0 || afterStart >= end) {
            throw new IllegalArgumentException(START + " and " + END + " must be lines of their own");
        }
        return readme.substring(0, afterStart + 1) + table + readme.substring(endLine);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** A JSON value as the table shows it: integral numbers without {@code .0}. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString(number.longValue());
        }
        return value.toString();
    }

    /** JSON as maps (in their order), lists, strings, doubles, booleans and null: all a results file holds. */
    static Map<String, Object> parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw new IllegalArgumentException("not a JSON object: " + json.substring(0, Math.min(80, json.length())));
            }
            return object(object);
        } catch (JsonException malformed) {
            throw new IllegalArgumentException("JSON: " + malformed.getMessage(), malformed);
        }
    }

    private static Map<String, Object> object(JsonObject object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        object.forEach((name, value) -> fields.put(name, plain(value)));
        return fields;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> object(value.asJsonObject());
            case ARRAY -> value.asJsonArray().stream().map(BenchTable::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }
}
