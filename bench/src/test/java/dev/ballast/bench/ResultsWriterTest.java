package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

class ResultsWriterTest {

    private static final RunInfo INFO = new RunInfo("2025-01-01T00:00:00Z", List.of("cloudbalancing/4computers"),
            "2s", 1, "OpenJDK 17", 2, 4096, "-Xmx4g");
    private static final CaseResult PLANNED = new CaseResult("cloudbalancing", "4computers-12processes",
            "consolidate", "cloudbalancing", 4, 12, 2, true, true, null, 0, 3, 2, 7410.0, 7410.0, 1.0, 0, 12,
            0.0, 0.2, 50_000.0, 80.5, 2.1, 3, 7800.0, 0.95, 0.01, null, null, null, null, null, 0);
    private static final CaseResult FAILED = new CaseResult("scale", "5000-hosts-50000-vms", "consolidate",
            "consolidate", 5000, 50000, 120, false, false, "out of memory (max heap 4096 MiB)", 4900, null, 3000,
            null, null, null, null, null, null, null, null, 4096, 130, null, null, null, 0, null, null, null, null, null, null);

    @Test
    void theJsonHoldsTheRunAndEveryFigureOfEveryCase() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ResultsWriter.json(INFO, List.of(PLANNED, FAILED)));
        assertThat(root.at("/run/seed").asLong()).isEqualTo(1);
        assertThat(root.at("/cases")).hasSize(2);
        JsonNode first = root.at("/cases/0");
        assertThat(first.get("caseName").asText()).isEqualTo("4computers-12processes");
        assertThat(first.get("powerAfterWatts").asDouble()).isEqualTo(7410.0);
        assertThat(first.get("ratioToLowerBound").asDouble()).isEqualTo(1.5);
        // Every VM was new: none ran on a host the plan empties, and there is no ratio to draw.
        assertThat(first.get("vmsOnEmptiedHosts").asInt()).isZero();
        assertThat(first.get("migrationsPerVmOnEmptiedHosts").isNull()).isTrue();
        assertThat(root.at("/cases/1/hostsAfter").isNull()).isTrue();
        assertThat(root.at("/cases/1/error").asText()).startsWith("out of memory");
    }

    @Test
    void theMarkdownIsOneTableWithARowPerCaseAndTheReasonsForFailures() {
        String markdown = ResultsWriter.markdown(INFO, List.of(PLANNED, FAILED));
        List<String> rows = Arrays.stream(markdown.split("\n")).filter(l -> l.startsWith("|")).toList();
        assertThat(rows).hasSize(4);
        long columns = rows.get(0).chars().filter(c -> c == '|').count();
        assertThat(rows).allMatch(r -> r.chars().filter(c -> c == '|').count() == columns);
        assertThat(rows.get(1)).matches("\\|( ---:? \\|)+");
        assertThat(rows.get(2)).contains("| 7,410 |", "| 1.000 |", "| yes |");
        assertThat(rows.get(3)).contains("| – |", "| no |");
        assertThat(markdown).contains("- scale/5000-hosts-50000-vms: out of memory (max heap 4096 MiB)");
    }

    @Test
    void writesBothFilesIntoTheOutputDirectory(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("new/results");
        ResultsWriter.write(out, INFO, List.of(PLANNED));
        assertThat(Files.readString(out.resolve("results.md"))).startsWith("# Ballast benchmark results");
        assertThat(new ObjectMapper().readTree(out.resolve("results.json").toFile()).at("/cases")).hasSize(1);
    }
}
