package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import org.junit.jupiter.api.Test;

class CloudBalancingImporterTest {

    private final ClusterSnapshot cluster = read("2computers-6processes");

    @Test
    void everyComputerBecomesAnActiveHostWhoseCostIsItsPower() {
        assertThat(cluster.hosts()).hasSize(2);
        Host first = cluster.host("computer-0").orElseThrow();
        // computer 0: cpuPower 24, memory 96, networkBandwidth 16, cost 4800
        assertThat(first.capacity()).isEqualTo(new Resources(24, 96, 16));
        assertThat(first.power()).isEqualTo(new Power(4800, 4800));
        assertThat(first.state()).isEqualTo(HostState.ACTIVE);
        assertThat(first.storage()).isEmpty();
        assertThat(first.bridges()).isEmpty();
        assertThat(cluster.host("computer-1").orElseThrow().idleWatts()).isEqualTo(660);
    }

    @Test
    void everyProcessBecomesANewVmDemandingWhatItRequires() {
        assertThat(cluster.vms()).hasSize(6).allMatch(Vm::isNew);
        Vm second = cluster.vm("process-1").orElseThrow();
        // process 1: requiredCpuPower 3, requiredMemory 6, requiredNetworkBandwidth 1
        assertThat(second.usage()).isEqualTo(new Resources(3, 6, 1));
        assertThat(second.demand()).isEqualTo(new Demand(3, 1));
        assertThat(second.vcpus()).isEqualTo(3);
        assertThat(second.storage()).isNull();
        assertThat(second.bridges()).isEmpty();
        assertThat(second.pinned()).isFalse();
    }

    @Test
    void aVmHasAtLeastOneVcpuAndRoundsFractionalCpuUp() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"computerList": [{"id": 7, "cpuPower": 4, "memory": 8, "networkBandwidth": 2, "cost": 10}],
                 "processList": [{"id": 1, "requiredCpuPower": 0, "requiredMemory": 1, "requiredNetworkBandwidth": 0},
                                 {"id": 2, "requiredCpuPower": 1.5, "requiredMemory": 1, "requiredNetworkBandwidth": 0}]}
                """);
        ClusterSnapshot small = CloudBalancingImporter.parse(json, "small.json");
        assertThat(small.vms()).extracting(Vm::vcpus).containsExactly(1, 2);
    }

    @Test
    void aBadFieldIsNamedWithTheFileAndItsPath() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"computerList": [{"id": 0, "cpuPower": -1, "memory": 8, "networkBandwidth": 2, "cost": 10}],
                 "processList": []}
                """);
        assertThatThrownBy(() -> CloudBalancingImporter.parse(json, "bad.json"))
                .isInstanceOf(BenchInputException.class)
                .hasMessage("bad.json: computerList[0].cpuPower: must be a number >= 0, got -1");
    }

    private static ClusterSnapshot read(String dataSet) {
        try {
            return CloudBalancingImporter.read(TestData.dataSet(dataSet));
        } catch (BenchInputException e) {
            throw new AssertionError(e);
        }
    }
}
