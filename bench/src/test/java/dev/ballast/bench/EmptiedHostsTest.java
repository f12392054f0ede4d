package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

class EmptiedHostsTest {

    private final ClusterSnapshot cluster = IdenticalHostsCluster.generate(4, 12, 3);

    @Test
    void countsTheVmsThatRanOnTheHostsLeftEmpty() {
        String kept = cluster.hosts().get(0).name();
        Map<String, String> allOnOne = new LinkedHashMap<>();
        cluster.vms().forEach(vm -> allOnOne.put(vm.name(), kept));
        long notThereYet = cluster.vms().stream().filter(vm -> !vm.host().equals(kept)).count();

        assertThat(EmptiedHosts.vmsOn(cluster, new Placement(allOnOne))).isEqualTo((int) notThereYet);
    }

    @Test
    void aPlacementThatEmptiesNoHostHasNone() {
        assertThat(EmptiedHosts.vmsOn(cluster, cluster.currentPlacement())).isZero();
    }
}
