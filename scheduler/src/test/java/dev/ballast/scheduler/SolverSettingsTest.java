package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The unimproved limit on small clusters: 100 µs per move of a VM to another host, at least 250 ms, at most as given. */
class SolverSettingsTest {

    private static final SolverSettings GIVEN = new SolverSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 1L);

    @ParameterizedTest(name = "{0} VMs on {1} hosts: {2} ms")
    @CsvSource({
        "7, 4, 250",          // 28 moves: 2.8 ms, raised to the least
        "100, 50, 500",       // 5,000 moves
        "1000, 50, 5000",     // 50,000 moves
        "2000, 50, 10000",    // 100,000 moves: the limit as given
        "50000, 2000, 10000"  // never longer than given
    })
    void theUnimprovedLimitGrowsWithTheMoves(int vms, int hosts, long millis) {
        assertThat(GIVEN.sizedFor(vms, hosts).unimprovedLimit()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0} VMs on {1} hosts")
    @CsvSource({"7, 4", "2000, 50"})
    void aFullSearchKeepsTheUnimprovedLimitAsGiven(int vms, int hosts) {
        SolverSettings full = new SolverSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 1L, true);
        assertThat(full.sizedFor(vms, hosts)).isEqualTo(full);
    }

    @ParameterizedTest(name = "{0} VMs on {1} hosts")
    @CsvSource({"7, 4", "2000, 50"})
    void sizingKeepsTheTimeLimitAndTheSeed(int vms, int hosts) {
        SolverSettings sized = GIVEN.sizedFor(vms, hosts);
        assertThat(sized.timeLimit()).isEqualTo(GIVEN.timeLimit());
        assertThat(sized.seed()).isEqualTo(1L);
    }

    @ParameterizedTest(name = "a time limit of {0} ms keeps fullSearch")
    @CsvSource({"500", "60000"})
    void aShorterTimeLimitKeepsFullSearch(long millis) {
        SolverSettings full = new SolverSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 1L, true);
        assertThat(full.withTimeLimit(Duration.ofMillis(millis)).fullSearch()).isTrue();
        assertThat(full.withSeed(2L).fullSearch()).isTrue();
    }
}
