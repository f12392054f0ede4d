package dev.ballast.simulator;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterGeneratorTest {

    @Test
    void theSameSeedGivesTheSameSnapshot() {
        assertThat(ClusterGenerator.mixed(20, 150, 7)).isEqualTo(ClusterGenerator.mixed(20, 150, 7));
        assertThat(ClusterGenerator.demo()).isEqualTo(ClusterGenerator.demo());
    }

    @Test
    void anotherSeedGivesAnotherSnapshot() {
        assertThat(ClusterGenerator.mixed(20, 150, 7)).isNotEqualTo(ClusterGenerator.mixed(20, 150, 8));
    }

    @Test
    void hostsAndVmsAreCountedAndNamedInOrder() {
        ClusterSnapshot snapshot = ClusterGenerator.mixed(12, 90, 1);

        assertThat(snapshot.hosts()).hasSize(12);
        assertThat(snapshot.vms()).hasSize(90);
        assertThat(snapshot.hosts().get(0).name()).isEqualTo("host-001");
        assertThat(snapshot.hosts().get(11).name()).isEqualTo("host-012");
        assertThat(snapshot.vms().get(0).name()).isEqualTo("vm-0001");
        assertThat(snapshot.vms().get(89).name()).isEqualTo("vm-0090");
    }

    @Test
    void hostsLookLikeTheTestbedsHosts() {
        ClusterSnapshot snapshot = ClusterGenerator.mixed(300, 10, 3);

        for (Host host : snapshot.hosts()) {
            assertThat(host.state()).isEqualTo(HostState.ACTIVE);
            assertThat(host.storage()).containsExactly("nfs-vms");
            assertThat(host.bridges()).containsExactly("virbr0");
            assertThat(host.migrationLink().address()).startsWith("198.18.");
            assertThat(host.migrationLink().mbps()).isEqualTo(100_000);
            assertThat(host.cpu().arch()).isEqualTo("x86_64");
            assertThat(host.cpu().model()).isEqualTo("Icelake-Server");
            assertThat(host.libvirtUri()).isEqualTo("qemu+tcp://" + host.name() + "/system");
            assertThat(host.power().maxWatts()).isGreaterThan(host.power().idleWatts());
        }
        Set<String> addresses = snapshot.hosts().stream().map(h -> h.migrationLink().address()).collect(Collectors.toSet());
        assertThat(addresses).hasSize(300);
    }

    @Test
    void migrationAddressesStayInTheBenchmarkRange() {
        assertThat(HostFleet.migrationAddress(1)).isEqualTo("198.18.0.1");
        assertThat(HostFleet.migrationAddress(254)).isEqualTo("198.18.0.254");
        assertThat(HostFleet.migrationAddress(255)).isEqualTo("198.18.1.1");
        assertThat(HostFleet.migrationAddress(254 * 256 + 1)).isEqualTo("198.19.0.1");
    }

    @Test
    void theHostMixIsMixed() {
        Map<Double, Long> coresCount = ClusterGenerator.mixed(200, 2000, 5).hosts().stream()
                .collect(Collectors.groupingBy(h -> h.capacity().cpu(), Collectors.counting()));

        assertThat(coresCount).containsOnlyKeys(32.0, 64.0, 96.0);
        assertThat(coresCount.values()).allSatisfy(n -> assertThat(n).isGreaterThan(20));
    }

    @Test
    void mostVmsAreSmallWithATailOfLargeOnes() {
        ClusterSnapshot snapshot = ClusterGenerator.mixed(200, 2000, 5);

        long small = snapshot.vms().stream().filter(vm -> vm.vcpus() <= 4).count();
        long large = snapshot.vms().stream().filter(vm -> vm.vcpus() >= 16).count();
        assertThat(small).isGreaterThan(1500);
        assertThat(large).isBetween(50L, 250L);
        assertThat(snapshot.vms()).allSatisfy(vm -> {
            assertThat(vm.memoryMiB()).isBetween(2048L, 128 * 1024L);
            assertThat(vm.demand().cpu()).isPositive().isLessThanOrEqualTo(vm.vcpus());
            assertThat(vm.dirtyRateMiBps()).isBetween(5.0, 200.0);
            assertThat(vm.storage()).isEqualTo("nfs-vms");
            assertThat(vm.bridges()).containsExactly("virbr0");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void everyVmRunsOnAnExistingHostWithinItsMemoryAndCpu(long seed) {
        ClusterSnapshot snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(30, 400, 0.75, 1.0, 4, seed));
        Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);

        assertThat(snapshot.vms()).allSatisfy(vm -> assertThat(snapshot.host(vm.host())).isPresent());
        for (Host host : snapshot.hosts()) {
            Resources used = load.getOrDefault(host.name(), Resources.ZERO);
            assertThat(used.memoryMiB()).as(host.name()).isLessThanOrEqualTo(host.capacity().memoryMiB());
            assertThat(used.cpu()).as(host.name()).isLessThanOrEqualTo(0.92 * host.capacity().cpu() + 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void groupRulesHoldInThePlacement(long seed) {
        ClusterSnapshot snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(10, 100, 0.6, 1.0, 4, seed));

        assertThat(snapshot.groups()).extracting(Group::rule).containsExactly(
                GroupRule.ANTI_AFFINITY, GroupRule.AFFINITY, GroupRule.ANTI_AFFINITY, GroupRule.AFFINITY);
        for (Group group : snapshot.groups()) {
            Set<String> hosts = group.vms().stream().map(vm -> snapshot.vm(vm).orElseThrow().host()).collect(Collectors.toSet());
            assertThat(hosts).as(group.name()).hasSize(group.rule() == GroupRule.AFFINITY ? 1 : group.vms().size());
        }
    }

    @Test
    void theMeanMemoryFillIsNearTheTarget() {
        ClusterSnapshot snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(100, 1200, 0.55, 0.5, 0, 9));

        assertThat(memoryFill(snapshot)).isBetween(0.50, 0.60);
    }

    @Test
    void theDemoHasHotHostsAndNearlyIdleOnes() {
        ClusterSnapshot demo = ClusterGenerator.demo();
        Map<String, Resources> load = demo.currentPlacement().loadByHost(demo);

        assertThat(demo.hosts()).hasSize(36);
        assertThat(demo.vms()).hasSize(400);
        assertThat(demo.groups()).hasSize(2);
        assertThat(demo.hosts()).filteredOn(h -> cpuFill(h, load) > 0.85).hasSizeGreaterThanOrEqualTo(2);
        assertThat(demo.hosts()).filteredOn(h -> memoryFill(h, load) < 0.10).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutSkewNoHostIsHot() {
        ClusterSnapshot snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(40, 400, 0.6, 0.0, 0, 3));
        Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);

        assertThat(snapshot.hosts()).noneMatch(h -> cpuFill(h, load) > 0.85);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aMixedClusterCanBePlacedWithinTypicalPolicyLimits(long seed) {
        ClusterSnapshot snapshot = ClusterGenerator.mixed(200, 2000, seed);

        assertThat(FirstFitDecreasing.placesAll(snapshot, 0.85, 0.95, 0.80)).isTrue();
    }

    @Test
    void identicalClustersHaveOneHostShapeAndOneVmShape() {
        ClusterSnapshot snapshot = ClusterGenerator.identical(10, 100, 1);

        assertThat(snapshot.hosts()).extracting(Host::capacity).containsOnly(HostFlavour.MEDIUM.capacity());
        assertThat(snapshot.vms()).extracting(Vm::usage).containsOnly(new Resources(1.0, 16 * 1024, 50.0));
        assertThat(snapshot.vms()).allSatisfy(vm -> assertThat(vm.host()).isNotNull());
    }

    @Test
    void aClusterTooFullToPlaceIsRefused() {
        assertThatThrownBy(() -> ClusterGenerator.identical(2, 40, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host has room left");
    }

    @Test
    void optionsOutOfRangeAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> new ClusterGenerator.Options(0, 10, 0.5, 0.5, 0, 1)).hasMessageContaining("hosts");
        assertThatThrownBy(() -> new ClusterGenerator.Options(5, 10, 1.2, 0.5, 0, 1)).hasMessageContaining("fill");
        assertThatThrownBy(() -> new ClusterGenerator.Options(5, 10, 0.5, -1, 0, 1)).hasMessageContaining("skew");
        assertThatThrownBy(() -> new ClusterGenerator.Options(2, 10, 0.5, 0.5, 1, 1)).hasMessageContaining("groups");
    }

    private static double memoryFill(ClusterSnapshot snapshot) {
        long vms = snapshot.vms().stream().mapToLong(Vm::memoryMiB).sum();
        long hosts = snapshot.hosts().stream().mapToLong(h -> h.capacity().memoryMiB()).sum();
        return vms / (double) hosts;
    }

    private static double cpuFill(Host host, Map<String, Resources> load) {
        return load.getOrDefault(host.name(), Resources.ZERO).cpu() / host.capacity().cpu();
    }

    private static double memoryFill(Host host, Map<String, Resources> load) {
        return load.getOrDefault(host.name(), Resources.ZERO).memoryMiB() / (double) host.capacity().memoryMiB();
    }
}
