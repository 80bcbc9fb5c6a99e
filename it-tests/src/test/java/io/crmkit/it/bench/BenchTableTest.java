package io.crmkit.it.bench;

import io.crmkit.it.bench.BenchTable.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTableTest {
    private static final String RESULTS = """
            {"date":"2026-12-08T01:00:00Z","commit":"abc1234","machine":{"cpus":2,"memory_mib":24000,"java":"openjdk version \\"17\\""},
             "scenarios":{
               "ceiling":{"run_seconds":60.2,"postgres":{"fsync":"on","synchronous_commit":"on"},
                 "processed_events_per_second_during_run":{"value":4009,"unit":"events/s","target":">= 4000","met":true},
                 "lag":{"samples":240000,"p50_ms":8.0,"p99_ms":{"value":318.5,"unit":"ms","target":"<= 2000","met":true}},
                 "server_sent_event":{"samples":600,"p99_ms":{"value":354.5,"unit":"ms","target":"<= 250","met":false}}},
               "inbox":{"all":{"p95_ms":{"value":6.6,"unit":"ms","target":"<= 25","met":true}},"note":"a | b"}}}
            """;

    @Test
    void everyFigureWithATargetIsARowAndAMissIsSeen() {
        List<Row> rows = BenchTable.rows(BenchTable.parse(RESULTS), true);
        assertEquals(List.of(new Row("ceiling", "processed_events_per_second_during_run", "4009 events/s", ">= 4000", "true"),
                new Row("ceiling", "lag.p99_ms", "318.5 ms", "<= 2000", "true"),
                new Row("ceiling", "server_sent_event.p99_ms", "354.5 ms", "<= 250", "false"),
                new Row("inbox", "all.p95_ms", "6.6 ms", "<= 25", "true")), rows);
        assertEquals(1, rows.stream().filter(Row::missed).count());
        assertTrue(BenchTable.plainTable(rows).contains("MISSED"));
    }

    @Test
    void theMarkdownTellsTheRunAndListsEveryFigureButTheSettings() {
        String markdown = BenchTable.markdown(BenchTable.parse(RESULTS), false);
        assertTrue(markdown.startsWith("Run of 2026-12-08T01:00:00Z, commit `abc1234`, on 2 cores, 24000 MiB,"
                + " openjdk version \"17\"; PostgreSQL with fsync=on, synchronous_commit=on."), markdown);
        assertTrue(markdown.contains("| ceiling | run_seconds | 60.2 |  |  |\n"), markdown);
        assertTrue(markdown.contains("| ceiling | lag.p50_ms | 8 |  |  |\n"), markdown);
        assertTrue(markdown.contains("| ceiling | server_sent_event.p99_ms | 354.5 ms | <= 250 | **missed** |\n"), markdown);
        assertTrue(markdown.contains("| ceiling | processed_events_per_second_during_run | 4009 events/s | >= 4000 | met |\n"));
        assertTrue(!markdown.contains("samples") && !markdown.contains("fsync |"), markdown);
    }

    @Test
    void theReadmesTableHoldsTheFiguresWithATarget() {
        String markdown = BenchTable.markdown(BenchTable.parse(RESULTS), true);
        assertTrue(markdown.contains("| ceiling | server_sent_event.p99_ms | 354.5 ms | <= 250 | **missed** |\n"), markdown);
        assertTrue(!markdown.contains("run_seconds") && !markdown.contains("lag.p50_ms"), markdown);
    }

    @Test
    void onlyTheLinesBetweenTheMarkersAreReplaced() {
        String readme = "# Title\nBefore\n" + BenchTable.START + "\nold table\nold line\n" + BenchTable.END + "\nAfter\n";
        assertEquals("# Title\nBefore\n" + BenchTable.START + "\nnew\n" + BenchTable.END + "\nAfter\n",
                BenchTable.rewrite(readme, "new\n"));
        String twice = BenchTable.rewrite(BenchTable.rewrite(readme, "new\n"), "newer\n");
        assertEquals("# Title\nBefore\n" + BenchTable.START + "\nnewer\n" + BenchTable.END + "\nAfter\n", twice);
        assertThrows(IllegalArgumentException.class, () -> BenchTable.rewrite("# Title\nno markers\n", "new\n"));
        assertThrows(IllegalArgumentException.class, () -> BenchTable.rewrite(BenchTable.END + "\n" + BenchTable.START + "\n", "x"));
    }

    @Test
    void jsonIsReadWithItsEscapesAndOrder() {
        Map<String, Object> parsed = BenchTable.parse("{\"b\":[1,2.5,-3e2],\"a\":\"x\\\"\\u00e9\",\"c\":null,\"d\":false}");
        assertEquals(List.of("b", "a", "c", "d"), List.copyOf(parsed.keySet()));
        assertEquals(List.of(1.0, 2.5, -300.0), parsed.get("b"));
        assertEquals("x\"é", parsed.get("a"));
        assertThrows(IllegalArgumentException.class, () -> BenchTable.parse("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> BenchTable.parse("[1]"));
    }
}
