package dev.ballast.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.model.VmShape;
import dev.ballast.model.WhatIfCase;
import dev.ballast.rules.ClusterState;
import dev.ballast.scheduler.goals.Goals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code fitMore} on a cluster built so that the answer is known: every host has 64 cores,
 * 256 GiB and 10,000 Mb/s, the limits are the whole host, and the shape takes 2 cores, 32 GiB
 * and 100 Mb/s.
 */
class FitMoreTest {

    private static final Policy FULL = new Policy("balance", Limits.FULL, null, Goals.registry().named("balance").defaults());
    private static final VmShape SHAPE = new VmShape(8, 32 * 1024, new Demand(2, 100), "nfs", Set.of("br0"));

    @Test
    void countsExactlyWhatEachHostsRoomHolds() {
        List<Host> hosts = new ArrayList<>();
        List<Vm> vms = new ArrayList<>();
        // host-0 .. host-9 run i VMs of 16 GiB and 4 cores each: memory binds, as 256 - 16i GiB
        // holds floor(8 - i/2) of 32 GiB (8, 7, 7, 6, 6, 5, 5, 4, 4, 3: 55), while the cores
        // left, 64 - 4i, would hold 32 - 2i.
        for (int i = 0; i < 10; i++) {
            hosts.add(host("host-" + i, HostState.ACTIVE, Set.of("br0")));
            for (int j = 0; j < i; j++) {
                vms.add(vm("vm-" + i + "-" + j, "host-" + i, 16 * 1024, 4, 0));
            }
        }
        // cpu-bound: 60 cores used of 64 leave room for 2; its 240 GiB free would hold 7.
        hosts.add(host("cpu-bound", HostState.ACTIVE, Set.of("br0")));
        vms.add(vm("vm-busy", "cpu-bound", 16 * 1024, 60, 0));
        // network-bound: 9,950 Mb/s of 10,000 leave 50, less than one VM's 100.
        hosts.add(host("network-bound", HostState.ACTIVE, Set.of("br0")));
        vms.add(vm("vm-chatty", "network-bound", 16 * 1024, 1, 9_950));
        // no-bridge: empty, but without br0: none.
        hosts.add(host("no-bridge", HostState.ACTIVE, Set.of("br1")));
        // standby: empty and off: 8 once switched on (memory: 256 / 32), counted apart.
        hosts.add(host("standby", HostState.STANDBY, Set.of("br0")));
        ClusterSnapshot cluster = new ClusterSnapshot(hosts, vms, List.of());

        Answer.FitMore answer = FitMore.answer(new WhatIfCase.FitMore("capacity", SHAPE), cluster, FULL);

        assertThat(answer.count()).isEqualTo(55 + 2);
        assertThat(answer.withStandby()).isEqualTo(55 + 2 + 8);
        assertThat(answer.perHost()).containsEntry("host-0", 8).containsEntry("host-9", 3)
                .containsEntry("cpu-bound", 2).doesNotContainKeys("network-bound", "no-bridge", "standby");
        assertThat(answer.boundBy()).containsEntry("memory", 10).containsEntry("cpu", 1).containsEntry("network", 1)
                .containsEntry("bridges", 1);
        assertThat(answer.verdict()).isEqualTo(Verdict.OK);
        assertPlaceableAndNoMore(cluster, answer.perHost());
    }

    /** The count placed by the rules' own check: each host takes its count, and not one more. */
    private static void assertPlaceableAndNoMore(ClusterSnapshot cluster, Map<String, Integer> perHost) {
        List<Vm> vms = new ArrayList<>(cluster.vms());
        int total = perHost.values().stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < total + cluster.hosts().size(); i++) {
            vms.add(SHAPE.newVm("new-" + i));
        }
        ClusterSnapshot withNew = new ClusterSnapshot(cluster.hosts(), vms, List.of());
        ClusterState state = ClusterState.current(withNew, FULL);
        int next = 0;
        for (Host host : cluster.hosts()) {
            for (int k = 0; k < perHost.getOrDefault(host.name(), 0); k++) {
                assertThat(state.fits("new-" + next, host.name())).as(host.name() + " VM " + (k + 1)).isTrue();
                state.move("new-" + next++, host.name());
            }
            assertThat(state.fits("new-" + next, host.name())).as(host.name() + ": one more").isFalse();
        }
    }

    @Test
    void aHostOverItsLimitTakesNone() {
        ClusterSnapshot cluster = new ClusterSnapshot(List.of(host("hot", HostState.ACTIVE, Set.of("br0"))),
                List.of(vm("vm-hot", "hot", 8 * 1024, 70, 0)), List.of());

        Answer.FitMore answer = FitMore.answer(new WhatIfCase.FitMore("capacity", SHAPE), cluster, FULL);

        assertThat(answer.count()).isZero();
        assertThat(answer.verdict()).isEqualTo(Verdict.NOT_OK);
    }

    private static Host host(String name, HostState state, Set<String> bridges) {
        return new Host(name, state, new Resources(64, 256 * 1024, 10_000), null, Set.of("nfs"), bridges, null, null, null);
    }

    private static Vm vm(String name, String host, long memoryMiB, double cpu, double network) {
        return new Vm(name, host, memoryMiB, 4, new Demand(cpu, network), null, "nfs", Set.of("br0"), false);
    }
}
