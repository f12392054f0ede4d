package dev.ballast.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void theDemoPlansTheBuiltInClusterWithBothPolicies() {
        Run run = Run.ballast("demo", "--time-limit", "1s", "--seed", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("36 hosts").contains("400 VMs")
                .contains("=== balance").contains("Policy balance (goal balance")
                .contains("=== consolidate").contains("Policy consolidate (goal consolidate");
        // The consolidate plan carried out on the simulated cluster, to the end, nothing failed.
        assertThat(run.out()).containsPattern("COMPLETED: \\d+ steps done, 0 skipped, 0 failed, in \\d+ min \\d+ s"
                + " of simulated time; 400 VMs now run on \\d+ hosts switched on \\(\\d+ off\\)");
    }
}
