package dev.ballast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballast apply}: what it refuses before it touches a host. Real migrations are tested on
 * the testbed, in the executor's TestbedMigrationTest.
 */
class ApplyCommandTest {

    private static final String PLAN = """
            {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "balance",
             "placement": {"vm-1": "host-b"},
             "steps": [{"vm": "vm-1", "from": "host-a", "to": "host-b"}],
             "hostsToPowerOff": []}
            """;
    private static final String CLUSTER = """
            apiVersion: ballast/v1
            kind: Cluster
            hosts:
              - {name: host-a, libvirtUri: "test:///default"}
              - {name: host-b, libvirtUri: "test:///default"}
            """;

    @TempDir
    Path dir;

    @Test
    void withoutATerminalItRefusesToRunUnlessToldYes() {
        Path plan = TestFiles.write(dir.resolve("plan.json"), PLAN);
        Path cluster = TestFiles.write(dir.resolve("cluster.yaml"), CLUSTER);

        Run run = Run.ballast("apply", plan.toString(), "--cluster", cluster.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("no terminal to confirm on: pass --yes");
        assertThat(dir.resolve("plan.journal.jsonl")).doesNotExist();
    }

    @Test
    void everyBadFileIsReportedAtOnce() {
        Path plan = TestFiles.write(dir.resolve("plan.json"), "{\"apiVersion\": \"ballast/v1\", \"kind\": \"MigrationPlan\"}");
        Path cluster = TestFiles.write(dir.resolve("cluster.yaml"), "apiVersion: ballast/v1\nkind: Cluster\nhosts: []\n");

        Run run = Run.ballast("apply", plan.toString(), "--cluster", cluster.toString(), "--yes");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("plan.json", "cluster.yaml");
    }

    @Test
    void optionsOutOfRangeAreBadInput() {
        Path plan = TestFiles.write(dir.resolve("plan.json"), PLAN);
        Path cluster = TestFiles.write(dir.resolve("cluster.yaml"), CLUSTER);

        Run run = Run.ballast("apply", plan.toString(), "--cluster", cluster.toString(), "--yes", "--parallel", "0",
                "--bandwidth", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--parallel 0", "--bandwidth 0");
    }

    @Test
    void theJournalGoesBesideThePlan() {
        assertThat(ApplyCommand.defaultJournal(Path.of("/srv/plans/tonight.json")))
                .isEqualTo(Path.of("/srv/plans/tonight.journal.jsonl"));
    }
}
