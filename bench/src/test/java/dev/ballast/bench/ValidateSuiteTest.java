package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The validate suite on a snapshot small enough for a unit test: the large one is the bench's. */
class ValidateSuiteTest {

    private static final ValidateCase SMALL = new ValidateCase("validate", "10-hosts-150-vms", 10, 50, 3, 1);

    @Test
    void theSuiteHoldsTheIssuesFileOf5000HostsAnd2point3MillionVms() throws Exception {
        Suites.Selection chosen = Suites.choose(List.of("validate"), 1, null);
        assertThat(chosen.plans()).isEmpty();
        assertThat(chosen.validations()).singleElement().satisfies(c -> {
            assertThat(c.hosts()).isEqualTo(5_000);
            assertThat(c.totalVms()).isEqualTo(2_300_000);
        });
        assertThat(Suites.NAMES).contains("validate");
    }

    @Test
    void theFileHoldsEveryVmUnderItsOwnNameAndIsValid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("snapshot.json");
        CopiedSnapshotFile.write(SMALL, file);

        ClusterSnapshot snapshot = SnapshotReader.read(file);

        assertThat(snapshot.hosts()).hasSize(10);
        assertThat(snapshot.vms()).hasSize(150);
        assertThat(snapshot.vms()).extracting(vm -> vm.name()).doesNotHaveDuplicates()
                .contains("vm-0001", "vm-0001-c1", "vm-0001-c2");
        assertThat(snapshot.vm("vm-0007-c2").orElseThrow().host()).isEqualTo(snapshot.vm("vm-0007").orElseThrow().host());
    }

    @Test
    void aRunMeasuresReadingValidatingAndLoadingTheSameFile(@TempDir Path dir) throws Exception {
        ValidateResult result = new ValidateRunner().run(SMALL);

        assertThat(result.valid()).as(result.error()).isTrue();
        assertThat(result.vms()).isEqualTo(150);
        assertThat(result.fileBytes()).isPositive();
        assertThat(result.rounds()).isEqualTo(ValidateRunner.ROUNDS);
        assertThat(List.of(result.readSeconds(), result.validateSeconds(), result.loadSeconds())).allMatch(s -> s > 0);
        assertThat(result.validateToRead()).isEqualTo(result.validateSeconds() / result.readSeconds());
        assertThat(result.validatePeakHeapMiB()).isPositive();
    }

    @Test
    void theResultsHoldTheValidationTableAndItsFigures(@TempDir Path dir) throws Exception {
        BenchOptions options = new BenchOptions(List.of("validate"), null, dir, 1, null);
        ValidateResult result = new ValidateResult("validate", "small", 10, 150, 30_000, 3, true, null, 0.5, 0.5, 10.0,
                0.9, 1.0, 20.0, 0.8, 0.9, 20.0);

        ResultsWriter.write(options.outputDir(), new RunInfo("2026-12-02T00:00:00Z", List.of("validate/small"), null, 1,
                "OpenJDK 17", 2, 8192, ""), List.of(), List.of(result));

        JsonNode json = new ObjectMapper().readTree(dir.resolve(ResultsWriter.JSON_FILE).toFile());
        assertThat(json.at("/validation/0/validateToRead").asDouble()).isEqualTo(1.8);
        assertThat(json.at("/validation/0/targetMet").asBoolean()).isTrue();
        String markdown = Files.readString(dir.resolve(ResultsWriter.MARKDOWN_FILE));
        assertThat(markdown).contains("| validate/read |").contains("| validate | small | 10 | 150 | 0 | 0.50 | 0.90 | 1.80 |")
                .doesNotContain("| used before |");
    }

    @Test
    void aSnapshotTheReaderRefusesIsReportedNotMeasured(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("snapshot.json");
        Files.writeString(file, """
                {"apiVersion": "ballast/v1", "kind": "ClusterSnapshot",
                 "hosts": [{"name": "h1", "capacity": {"cpu": 8, "memoryMiB": 8192, "networkMbps": 1000}}],
                 "vms": [{"name": "v1", "host": "h1", "memoryMiB": -1, "vcpus": 1, "demand": {"cpu": 1}}]}
                """);

        ValidateResult refused = new ValidateRunner().measure(new ValidateCase("validate", "bad", 1, 1, 1, 1), file);

        assertThat(refused.valid()).isFalse();
        assertThat(refused.error()).isEqualTo("refused: " + file + ": 1 problem: / vms[0].memoryMiB: must be > 0, got -1");
        assertThat(refused.loadSeconds()).isNull();
        assertThat(refused.targetMet()).isFalse();
    }
}
