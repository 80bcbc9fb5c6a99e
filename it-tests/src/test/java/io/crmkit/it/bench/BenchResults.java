package io.crmkit.it.bench;

import io.crmkit.it.support.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where each benchmark leaves its figures: {@code target/bench/<scenario>.json} of the it-tests module, which
 * {@code bin/bench} gathers into one {@code results.json} with the date, machine and commit. A figure with a target is
 * written as a {@link Figure}: its value, unit, target and whether the value met it, so that {@code bin/bench} can
 * tell a run that missed one from the figures alone. A benchmark records a miss; it fails only when it could not
 * measure.
 */
final class BenchResults {
    /** One provider for every benchmark: {@code Json}'s static methods look the provider up on each call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private BenchResults() {
    }

    static void write(String scenario, JsonObject figures) {
        Path folder = Path.of(System.getProperty("bench.dir", "target/bench"));
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(scenario + ".json"), figures.toString(), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        System.out.println("BENCH " + scenario + " " + figures);
    }

    /**
     * The settings of the test run's PostgreSQL that decide what a commit costs, as the benchmark ran with them;
     * printed, and written with the figures.
     */
    static JsonObject databaseSettings(String url) {
        JsonObjectBuilder settings = JSON.createObjectBuilder();
        for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")) {
            settings.add(name, TestDatabase.stringsIn(url, "show " + name).get(0));
        }
        JsonObject shown = settings.build();
        System.out.println("PostgreSQL settings of the run: " + shown);
        return shown;
    }

    /** The value below which {@code percent} of the samples lie (nearest rank); NaN without samples. */
    static double percentile(List<Double> samples, double percent) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Samples and percentiles; a percentile of no samples is null. */
    static JsonObject latencies(List<Double> millis) {
        JsonObjectBuilder figures = JSON.createObjectBuilder().add("samples", millis.size());
        for (int percent : new int[]{50, 95, 99}) {
            double value = round(percentile(millis, percent));
            if (Double.isNaN(value)) {
                figures.addNull("p" + percent + "_ms");
            } else {
                figures.add("p" + percent + "_ms", value);
            }
        }
        return figures.build();
    }

    /** {@link #latencies} with a target for one of the percentiles, {@code "p95_ms"} or {@code "p99_ms"}. */
    static JsonObject latencies(List<Double> millis, String targeted, Target target) {
        JsonObject plain = latencies(millis);
        if (!plain.containsKey(targeted)) {
            throw new IllegalArgumentException("no percentile " + targeted);
        }
        return JSON.createObjectBuilder(plain)
                .add(targeted, figure(round(percentile(millis, Double.parseDouble(targeted.replaceAll("[^0-9]", "")))), "ms", target))
                .build();
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
    }

    /**
     * What a figure must reach: at least or at most a bound, written as {@code ">= 4000"} or {@code "<= 250"}.
     * A value that could not be measured (NaN) meets no target.
     */
    record Target(boolean atLeast, double bound) {
        static Target atLeast(double bound) {
            return new Target(true, bound);
        }

        static Target atMost(double bound) {
            return new Target(false, bound);
        }

        boolean metBy(double value) {
            return !Double.isNaN(value) && (atLeast ? value >= bound : value <= bound);
        }

        @Override
        public String toString() {
            return (atLeast ? ">= " : "<= ") + number(bound);
        }
    }

    /** A figure and its target, as {@code {"value": 4009, "unit": "events/s", "target": ">= 4000", "met": true}}. */
    record Figure(double value, String unit, Target target) {
        boolean met() {
            return target.metBy(value);
        }

        JsonObject json() {
            JsonObjectBuilder figure = JSON.createObjectBuilder();
            if (Double.isNaN(value)) {
                figure.addNull("value");
            } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                figure.add("value", (long) value);
            } else {
                figure.add("value", value);
            }
            return figure.add("unit", unit).add("target", target.toString()).add("met", met()).build();
        }
    }

    static JsonObject figure(double value, String unit, Target target) {
        return new Figure(value, unit, target).json();
    }

    /** A bound as people write it: no trailing {@code .0}. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
