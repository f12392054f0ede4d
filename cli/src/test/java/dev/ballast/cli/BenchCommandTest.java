package dev.ballast.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the wiring: the harness itself is tested in the bench module. */
class BenchCommandTest {

    @Test
    void anUnknownSuiteIsBadInputNamingTheOption() {
        Run run = Run.ballast("bench", "--suite", "nope");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--suite nope: no such suite");
    }

    @Test
    void aZeroTimeLimitIsRefusedBeforeAnythingRuns() {
        Run run = Run.ballast("bench", "--suite", "generated", "--time-limit", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--time-limit");
    }
}
