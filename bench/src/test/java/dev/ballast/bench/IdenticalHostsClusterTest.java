package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Vm;
import dev.ballast.rules.HardRules;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import org.junit.jupiter.api.Test;

import java.util.Set;

class IdenticalHostsClusterTest {

    private final ClusterSnapshot cluster = IdenticalHostsCluster.generate(100, 500, 7);

    @Test
    void theSameSeedGivesTheSameCluster() {
        assertThat(IdenticalHostsCluster.generate(100, 500, 7)).isEqualTo(cluster);
        assertThat(IdenticalHostsCluster.generate(100, 500, 8)).isNotEqualTo(cluster);
    }

    @Test
    void withoutPowerFiguresTheClusterIsTheSameVmForVm() {
        ClusterSnapshot withoutPower = IdenticalHostsCluster.generate(100, 500, 7, null);

        assertThat(withoutPower.vms()).isEqualTo(cluster.vms());
        assertThat(withoutPower.hosts()).allMatch(h -> h.power() == null);
        assertThat(cluster.hosts()).allMatch(h -> h.power() != null);
    }

    @Test
    void vmsHaveTheAdvertisedShapesAndDemandTheirVcpus() {
        assertThat(cluster.vms()).allSatisfy(vm -> {
            assertThat(vm.vcpus()).isIn(1, 2, 4, 8);
            assertThat(vm.memoryMiB() / 1024 / vm.vcpus()).isIn(2L, 4L, 8L);
            assertThat(vm.demand().cpu()).isEqualTo(vm.vcpus());
        });
        assertThat(cluster.vms().stream().map(Vm::vcpus)).contains(1, 2, 4, 8);
    }

    @Test
    void theRandomPlacementKeepsTheBuiltInConsolidationPolicy() {
        assertThat(cluster.vms()).noneMatch(Vm::isNew);
        assertThat(HardRules.check(cluster, Policies.builtIn("consolidate", Goals.registry()), cluster.currentPlacement())).isEmpty();
        assertThat(cluster.hosts()).allMatch(h -> h.capacity().equals(IdenticalHostsCluster.HOST));
        assertThat(Set.copyOf(cluster.currentPlacement().hostOfVm().values()).size()).isGreaterThan(90);
    }
}
