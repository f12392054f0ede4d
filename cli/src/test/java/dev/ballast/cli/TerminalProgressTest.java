package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.scheduler.SearchProgress;
import dev.ballast.simulator.ClusterGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line of plan, what-if and bench: when it shows, and what it says. */
class TerminalProgressTest {

    @TempDir
    Path dir;

    @Test
    void showsOnATerminalUnlessToldOtherwise() {
        assertThat(TerminalProgress.wanted(null, true)).isTrue();
        assertThat(TerminalProgress.wanted(null, false)).isFalse();
        assertThat(TerminalProgress.wanted(true, false)).as("--progress into a pipe").isTrue();
        assertThat(TerminalProgress.wanted(false, true)).as("--no-progress on a terminal").isFalse();
    }

    @Test
    void aSearchLineSaysTheTimeAgainstTheLimitTheBestScoreHostsAndMoves() {
        String line = TerminalProgress.line("plan balance", Duration.ofSeconds(12),
                new SearchProgress(Duration.ofMillis(10_400), Duration.ofSeconds(30), "0hard/-35063soft", 33, 41), null);

        assertThat(line).isEqualTo("plan balance  12s (search 10s of 30s)  best 0hard/-35063soft  hosts used 33  moves 41");
    }

    @Test
    void aFailAnyLineSaysTheHostsDone() {
        String line = TerminalProgress.line("case 1 of 7: lose-any-host", Duration.ofSeconds(3), null, "hosts 412 of 1000");

        assertThat(line).isEqualTo("case 1 of 7: lose-any-host  hosts 412 of 1000  3s");
    }

    @Test
    void quietWritesNothingAndNeedsNoClosing() {
        StringWriter written = new StringWriter();
        try (TerminalProgress progress = TerminalProgress.start(false, new PrintWriter(written), "plan", Clock.systemUTC())) {
            progress.hostsDone(1, 2);
            progress.search(new SearchProgress(Duration.ZERO, Duration.ofSeconds(1), "0hard/0soft", 1, 0));
            assertThat(progress).isSameAs(TerminalProgress.QUIET);
        }
        assertThat(written.toString()).isEmpty();
    }

    @Test
    void planIsQuietWithoutATerminalAndShowsProgressWhenAsked() {
        // Large enough that the search goes on past the first drawing: 30 hosts and 300 VMs stop
        // only after 0.9 s without a better placement (SolverSettings.sizedFor).
        Path snapshot = TestFiles.snapshot(dir, "small.yaml", ClusterGenerator.mixed(30, 300, 3));

        Run quiet = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance", "--time-limit", "2s");
        Run shown = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance", "--time-limit", "2s",
                "--progress");

        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).doesNotContain("\r");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        // Drawn twice a second while the search goes on; cleared at the end.
        assertThat(shown.err()).contains("\rplan balance  ").endsWith("\r");
    }
}
