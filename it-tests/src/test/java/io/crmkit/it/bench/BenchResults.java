package io.crmkit.it.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each benchmark leaves its figures: {@code target/bench/<scenario>.json} of the it-tests module, which
 * {@code bin/bench} gathers into one {@code results.json} with the date, machine and commit.
 */
final class BenchResults {
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

    /** The value below which {@code percent} of the samples lie. */
    static double percentile(List<Double> samples, double percent) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static JsonObject latencies(List<Double> millis) {
        return Json.createObjectBuilder().add("samples", millis.size())
                .add("p50_ms", round(percentile(millis, 50))).add("p95_ms", round(percentile(millis, 95)))
                .add("p99_ms", round(percentile(millis, 99))).build();
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
