package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.simulator.ClusterGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ballast what-if} end to end: every kind of case answered with a verdict and its
 * evidence, as text, JSON and HTML; bad scenarios refused with exit 2, naming the file and the
 * field, before anything is planned.
 */
class WhatIfCommandTest {

    static final String EVERY_CASE = """
            apiVersion: ballast/v1
            kind: WhatIf
            policy: balance
            cases:
              - {name: lose-any-host, fail: any}
              - {name: lose-rack-a, fail: [host-001, host-002]}
              - {name: weekend, maintenance: [host-003, host-004]}
              - {name: growth, grow: {cpu: 1.2, network: 1.1}}
              - {name: new-tenant, add: {count: 5, vm: {vcpus: 4, memoryMiB: 8192, demand: {cpu: 1.0}}}}
              - {name: capacity, fitMore: {vcpus: 8, memoryMiB: 32768, demand: {cpu: 2}}}
              - {name: compare, policies: [relieve, balance, consolidate]}
            """;

    private static final Path CORPUS = Path.of("../formats/src/test/resources/bad");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path snapshot;
    static Path scenario;

    @BeforeAll
    static void files() {
        snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(10, 90, 3));
        scenario = TestFiles.write(dir.resolve("scenario.yaml"), EVERY_CASE);
    }

    private static Run whatIf(String... more) {
        List<String> args = new ArrayList<>(List.of("what-if", "--snapshot", snapshot.toString(), "--scenario",
                scenario.toString(), "--time-limit", "1s", "--seed", "1"));
        args.addAll(List.of(more));
        return Run.ballast(args.toArray(String[]::new));
    }

    @Test
    void jsonGivesEveryCaseItsVerdictAndEvidence() throws IOException {
        Run run = whatIf("--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("kind").asText()).isEqualTo("WhatIfReport");
        JsonNode cases = report.path("cases");
        assertThat(cases).hasSize(7);
        List<String> names = new ArrayList<>();
        for (JsonNode answer : cases) {
            names.add(answer.path("name").asText());
            assertThat(answer.path("verdict").asText()).as(answer.toString()).isIn("ok", "not-ok");
        }
        assertThat(names).containsExactly("lose-any-host", "lose-rack-a", "weekend", "growth", "new-tenant",
                "capacity", "compare");

        JsonNode any = cases.get(0);
        assertThat(any.path("hosts")).hasSize(10);
        for (JsonNode host : any.path("hosts")) {
            assertThat(host.has("host") && host.has("absorbable") && host.has("stranded") && host.has("short"))
                    .as(host.toString()).isTrue();
            assertThat(host.path("absorbable").asBoolean()).isEqualTo(host.path("stranded").isEmpty());
            assertThat(host.path("short").isNull()).isEqualTo(host.path("absorbable").asBoolean());
        }
        assertThat(any.path("verdict").asText())
                .isEqualTo(hasEvery(any.path("hosts"), "absorbable") ? "ok" : "not-ok");
        JsonNode rack = cases.get(1);
        assertThat(rack.path("hosts")).extracting(h -> h.path("host").asText()).containsExactly("host-001", "host-002");

        JsonNode weekend = cases.get(2);
        assertThat(weekend.path("together").isBoolean()).isTrue();
        assertThat(weekend.path("groups").isArray()).isTrue();
        assertThat(weekend.path("estimatedSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        if (weekend.path("together").asBoolean()) {
            assertThat(weekend.path("plan").path("kind").asText()).isEqualTo("MigrationPlan");
            assertThat(weekend.path("plan").path("placement").toString()).doesNotContain("\"host-003\"", "\"host-004\"");
        }

        for (JsonNode fit : List.of(cases.get(3), cases.get(4))) {
            assertThat(fit.path("fits").isBoolean()).as(fit.toString()).isTrue();
            assertThat(fit.path("standbyOn").isArray()).isTrue();
            assertThat(fit.path("verdict").asText()).isEqualTo(fit.path("fits").asBoolean() ? "ok" : "not-ok");
        }
        JsonNode tenant = cases.get(4);
        if (tenant.path("fits").asBoolean()) {
            assertThat(tenant.path("plan").path("placement").has("new-tenant-001")).isTrue();
            assertThat(tenant.path("figures").path("newVms").asInt()).isEqualTo(5);
        }

        JsonNode capacity = cases.get(5);
        int perHost = 0;
        for (JsonNode count : capacity.path("perHost")) {
            perHost += count.asInt();
        }
        assertThat(capacity.path("count").asInt()).isEqualTo(perHost).isPositive();

        JsonNode compare = cases.get(6);
        assertThat(compare.path("policies")).extracting(p -> p.path("policy").asText())
                .containsExactly("relieve", "balance", "consolidate");
        assertThat(compare.path("policies").get(2).path("figures").path("hostsUsedAfter").asInt()).isPositive();
    }

    @Test
    void theSameCaseTwiceGivesByteIdenticalTextAndJson() {
        Path lose = TestFiles.write(dir.resolve("lose-one.yaml"), """
                apiVersion: ballast/v1
                kind: WhatIf
                policy: balance
                cases:
                  - {name: lose-one, fail: [host-001]}
                  - {name: capacity, fitMore: {vcpus: 8, memoryMiB: 32768, demand: {cpu: 2}}}
                """);
        for (String format : List.of("text", "json")) {
            Run first = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", lose.toString(),
                    "--format", format, "--time-limit", "1s", "--seed", "1");
            Run second = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", lose.toString(),
                    "--format", format, "--time-limit", "1s", "--seed", "1");

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(second.out()).as(format).isEqualTo(first.out());
            if (format.equals("text")) {
                // The greedy check decides this loss: no planner search whose timing could vary.
                assertThat(first.out()).contains("decided by: greedy 1");
                List<String> restarted = first.out().lines().filter(l -> l.contains(" restarts on "))
                        .map(l -> l.strip().split(" ")[0]).toList();
                assertThat(restarted).isNotEmpty().isSorted();
            }
        }
    }

    @Test
    void textShowsTheVerdictTableThenEachCase() {
        Run run = whatIf();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("What if: 10 hosts, 90 VMs, policy balance")
                .containsPattern("lose-any-host +fail +(ok|not-ok) ")
                .containsPattern("capacity +fitMore +ok +\\d+ more fit on the active hosts")
                .contains("weekend (maintenance): ", "compare (policies): ", "consolidate");
    }

    @Test
    void htmlGoesToTheOutputFile() throws IOException {
        Path report = dir.resolve("what-if.html");

        Run run = whatIf("--format", "html", "--output", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).matches(report + ": html answers to 7 cases, \\d ok, \\d+ KiB\n");
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>What if: 10 hosts, 90 VMs</h1>",
                "id='case-1-chart'", "id='case-7-chart'");
    }

    @Test
    void aHostTheSnapshotLacksIsRefusedNamingTheField() {
        Path bad = TestFiles.write(dir.resolve("missing-host.yaml"), """
                apiVersion: ballast/v1
                kind: WhatIf
                cases:
                  - {name: weekend, maintenance: [host-001, host-099]}
                """);

        Run run = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", bad.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ": cases[0].maintenance[1]: no host \"host-099\" in " + snapshot);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownPolicyIsRefusedNamingTheField() {
        Path bad = TestFiles.write(dir.resolve("unknown-policy.yaml"), """
                apiVersion: ballast/v1
                kind: WhatIf
                cases:
                  - {name: compare, policies: [balance, tidy]}
                """);

        Run run = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", bad.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ": cases[0].policies[1]: ").contains("not a built-in policy");
    }

    static Stream<Arguments> badScenarios() throws IOException {
        return Files.readAllLines(CORPUS.resolve("EXPECTED.tsv")).stream()
                .filter(line -> line.startsWith("whatif-"))
                .map(line -> line.split("\t", 2))
                .map(cells -> Arguments.of(cells[0], cells[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void theCorpusOfBadScenariosIsRefusedAndNothingWritten(String name, String expected) {
        Path output = dir.resolve(name + ".json");
        Run run = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", CORPUS.resolve(name).toString(),
                "--format", "json", "--output", output.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
        assertThat(run.out()).isEmpty();
        assertThat(output).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void validateRefusesTheCorpusToo(String name, String expected) {
        Run run = Run.ballast("validate", "--kind", "whatif", CORPUS.resolve(name).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
    }

    private static boolean hasEvery(JsonNode hosts, String flag) {
        for (JsonNode host : hosts) {
            if (!host.path(flag).asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
