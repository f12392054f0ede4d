package dev.ballast.cli;

import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aValidSnapshotIsSummedUpInOneLine() {
        Path file = TestFiles.snapshot(dir, "demo.yaml", ClusterGenerator.demo());

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(file + ": valid ClusterSnapshot, 36 hosts, 400 VMs, 2 groups\n");
    }

    @Test
    void aValidPolicyIsSummedUpInOneLine() {
        Path file = TestFiles.write(dir.resolve("tight.yaml"), TestFiles.POLICY_YAML);

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(file + ": valid Policy \"tight\", goal balance, "
                + "limits cpu 0.8, memory 0.9, network 0.8, at most 20 migrations, aggressiveness 3\n");
    }

    @Test
    void thePowerSettingsAreShown() {
        Path file = TestFiles.write(dir.resolve("night.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: night
                goal: consolidate
                reserve: {capacity: 0.2}
                maxPowerOffsPerRun: 2
                powerCooldown: 4h
                """);

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith(", reserve {capacity: 0.2}, at most 2 hosts off per plan, power cooldown 4h\n");
    }

    @Test
    void aToleranceForEachResourceIsShownForEach() {
        Path file = TestFiles.write(dir.resolve("even-cpu.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: even-cpu
                goal: balance
                tolerance: {cpu: 0.02, memory: 0.1}
                """);

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith(", tolerance cpu 0.02 / memory 0.1 / network 0.04\n");
    }

    @Test
    void theSettingsThatHoldPlansBackAreShown() {
        Path file = TestFiles.write(dir.resolve("night.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: night
                goal: consolidate
                cooldown: 6h
                minImprovement: {watts: 150}
                """);

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.out()).endsWith("no cap on migrations, cooldown 6h, plans must switch off at least 150 W\n");
    }

    @Test
    void anUnknownKindIsBadInputNamingTheFileAndTheField() {
        Path file = TestFiles.write(dir.resolve("plan.yaml"), "apiVersion: ballast/v1\nkind: Plan\n");

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString()).contains("kind: expected \"ClusterSnapshot\", \"Policy\" or \"WhatIf\", got \"Plan\"");
    }

    @Test
    void aJsonFileOfAnUnknownKindThatIsNotUtf8IsRefusedAsNotUtf8() throws java.io.IOException {
        // The kind is read from the start; the byte that is not UTF-8 comes far after it.
        Path file = dir.resolve("plan.json");
        String text = "{\"apiVersion\": \"ballast/v1\", \"kind\": \"Plan\",\n \"note\": \"" + "n".repeat(100_000) + "\u00e9\"}";
        java.nio.file.Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        Run run = Run.ballast("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString())
                .contains("line 2, column 100011: is not UTF-8 text (byte 0xE9); save the file as UTF-8");
    }

    @Test
    void aMissingFileIsBadInput() {
        Run run = Run.ballast("validate", dir.resolve("nowhere.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere.yaml").contains("no such file");
    }

    @Test
    void everyFileIsCheckedAndOneBadFileFailsTheRun() {
        Path good = TestFiles.write(dir.resolve("tight.yaml"), TestFiles.POLICY_YAML);
        Path bad = TestFiles.write(dir.resolve("bad-policy.yaml"), "");

        Run run = Run.ballast("validate", bad.toString(), good.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad-policy.yaml").contains("is empty; expected a ballast/v1 Policy");
        assertThat(run.out()).contains("tight.yaml: valid Policy");
    }

    @Test
    void aWhatIfScenarioIsToldByItsKind() {
        Run run = Run.ballast("validate", "../docs/examples/what-if.yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("../docs/examples/what-if.yaml: valid WhatIf, policy balance, 7 cases\n");
    }
}
