package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Power steps on a simulated cluster, on simulated time. */
class PowerStepsTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<String> notes = new ArrayList<>();

    private static ClusterSnapshot withEmptyHost() {
        return TestClusters.cluster(3, 6, 2); // host-03 holds nothing
    }

    private PowerSteps power(SimulatedCluster cluster) {
        return new PowerSteps(cluster::driver, ticker.asClock(), ticker::sleep, Duration.ofMinutes(5),
                Duration.ofSeconds(1));
    }

    @Test
    void anEmptiedHostIsSwitchedOffAndTheStepWaitsUntilItIsOff() throws Exception {
        ClusterSnapshot start = withEmptyHost();
        SimulatedCluster cluster = new SimulatedCluster(start, 1, ticker);
        String host = start.hosts().get(2).name();

        PowerSteps.Outcome outcome = power(cluster).powerOff(host, notes::add);

        assertThat(outcome.result()).isEqualTo(PowerSteps.Result.DONE);
        assertThat(cluster.powerOf(host)).isEqualTo(PowerState.OFF);
        assertThat(outcome.seconds()).isGreaterThanOrEqualTo(SimulatedCluster.SHUTDOWN_TIME.toSeconds());
    }

    @Test
    void aHostThatStillRunsAVmIsSkippedNamingIt() throws Exception {
        ClusterSnapshot start = withEmptyHost();
        SimulatedCluster cluster = new SimulatedCluster(start, 1, ticker);
        String host = start.hosts().get(0).name();

        PowerSteps.Outcome outcome = power(cluster).powerOff(host, notes::add);

        assertThat(outcome.result()).isEqualTo(PowerSteps.Result.SKIPPED);
        assertThat(outcome.reason()).startsWith("pre-flight: " + host + " still runs vm-");
        assertThat(cluster.powerOf(host)).isEqualTo(PowerState.ON);
    }

    @Test
    void aHostWithoutPowerDriverIsSkippedWithTheDriversReason() throws Exception {
        ClusterSnapshot start = withEmptyHost();
        String host = start.hosts().get(2).name();
        SimulatedCluster cluster = new SimulatedCluster(start, 1, ticker,
                List.of(Failure.ofHost(host, Fault.NO_POWER_DRIVER)));

        PowerSteps.Outcome outcome = power(cluster).powerOff(host, notes::add);

        assertThat(outcome.result()).isEqualTo(PowerSteps.Result.SKIPPED);
        assertThat(outcome.reason()).isEqualTo("no power driver configured for " + host);
    }

    @Test
    void aHostSwitchedOnIsDoneOnceItAnswers() throws Exception {
        ClusterSnapshot start = withEmptyHost();
        String host = start.hosts().get(2).name();
        SimulatedCluster cluster = new SimulatedCluster(start.withHostState(host, dev.ballast.model.HostState.STANDBY),
                1, ticker);

        PowerSteps.Outcome outcome = power(cluster).powerOn(host, notes::add);

        assertThat(outcome.result()).isEqualTo(PowerSteps.Result.DONE);
        assertThat(outcome.seconds()).isGreaterThanOrEqualTo(SimulatedCluster.BOOT_TIME.toSeconds());
        cluster.driver(host).ping();
    }

    @Test
    void aHostThatNeverGoesOffFailsTheStepAtTheTimeLimit() throws Exception {
        ClusterSnapshot start = withEmptyHost();
        String host = start.hosts().get(2).name();
        SimulatedCluster cluster = new SimulatedCluster(start, 1, ticker);
        PowerSteps tooShort = new PowerSteps(cluster::driver, ticker.asClock(), ticker::sleep, Duration.ofSeconds(5),
                Duration.ofSeconds(1));

        PowerSteps.Outcome outcome = tooShort.powerOff(host, notes::add);

        assertThat(outcome.result()).isEqualTo(PowerSteps.Result.FAILED);
        assertThat(outcome.reason()).isEqualTo(host + " was still on 5s after it was switched off");
    }
}
