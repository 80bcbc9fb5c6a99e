package io.crmkit.it.bench;

import io.crmkit.it.bench.BenchResults.Figure;
import io.crmkit.it.bench.BenchResults.Target;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchResultsTest {

    @Test
    void aPercentileIsTheNearestRankOfTheSamples() {
        List<Double> samples = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5.0, BenchResults.percentile(samples, 50));
        assertEquals(10.0, BenchResults.percentile(samples, 99));
        assertEquals(1.0, BenchResults.percentile(samples, 0));
        assertEquals(7.0, BenchResults.percentile(List.of(7.0), 99));
        assertTrue(Double.isNaN(BenchResults.percentile(List.of(), 50)));
    }

    @Test
    void latenciesOfNoSamplesAreNullRatherThanZero() {
        JsonObject none = BenchResults.latencies(List.of());
        assertEquals(0, none.getInt("samples"));
        assertTrue(none.isNull("p99_ms"));
        JsonObject targeted = BenchResults.latencies(List.of(), "p99_ms", Target.atMost(50));
        assertFalse(targeted.getJsonObject("p99_ms").getBoolean("met"), "what was not measured meets no target");
    }

    @Test
    void aTargetIsMetAtItsBoundAndWrittenAsPeopleWriteIt() {
        assertTrue(Target.atLeast(4_000).metBy(4_000));
        assertFalse(Target.atLeast(4_000).metBy(3_999.9));
        assertTrue(Target.atMost(250).metBy(250));
        assertFalse(Target.atMost(250).metBy(250.1));
        assertFalse(Target.atMost(250).metBy(Double.NaN));
        assertEquals(">= 4000", Target.atLeast(4_000).toString());
        assertEquals("<= 0.3", Target.atMost(0.3).toString());
    }

    @Test
    void aFigureCarriesItsValueUnitTargetAndVerdict() {
        assertEquals("{\"value\":4009,\"unit\":\"events/s\",\"target\":\">= 4000\",\"met\":true}",
                new Figure(4009, "events/s", Target.atLeast(4_000)).json().toString());
        assertEquals("{\"value\":318.5,\"unit\":\"ms\",\"target\":\"<= 250\",\"met\":false}",
                new Figure(318.5, "ms", Target.atMost(250)).json().toString());
        assertEquals("{\"value\":null,\"unit\":\"ms\",\"target\":\"<= 250\",\"met\":false}",
                new Figure(Double.NaN, "ms", Target.atMost(250)).json().toString());
    }

    @Test
    void aTargetedPercentileIsAFigureBesideThePlainOnes() {
        JsonObject latencies = BenchResults.latencies(List.of(1.0, 2.0, 300.0), "p99_ms", Target.atMost(250));
        assertEquals(2.0, latencies.getJsonNumber("p50_ms").doubleValue());
        assertEquals(300.0, latencies.getJsonObject("p99_ms").getJsonNumber("value").doubleValue());
        assertFalse(latencies.getJsonObject("p99_ms").getBoolean("met"));
    }
}
