package dev.ballast.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An option several commands share is defined once (a mixin), yet reads in each command's help
 * as that command means it (OptionWording.properties).
 */
class SharedOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plan       | The cluster: a ballast/v1 ClusterSnapshot",
        "check-plan | The cluster the plan is to run on: a ballast/v1 ClusterSnapshot",
        "plan       | A built-in policy (balance, consolidate, relieve) or a ballast/v1 Policy file.",
        "check-plan | The policy whose limits apply (default: the built-in policy the plan names).",
        "apply      | The policy whose limits apply (default: the built-in policy the plan names).",
        "plan       | 2m (default 30s).",
        "demo       | The longest the solver may search, per policy (default",
        "bench      | Overrides each case's own time limit",
        "plan       | Fixes the solver's search, for repeatable plans.",
        "demo       | Fixes the solver's search, for repeatable plans.",
        "bench      | Seeds the generated clusters and the solver (default 1).",
        "collect    | The hosts and sources: a ballast/v1 Cluster file, YAML or JSON.",
        "apply      | The hosts: a ballast/v1 Cluster file (the one ballast collect reads)."})
    void eachCommandWordsASharedOptionItsOwnWay(String command, String wording) {
        Run run = Run.ballast(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains(wording);
    }
}
