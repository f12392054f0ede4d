package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Policy;
import dev.ballast.model.VmShape;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.simulator.ClusterGenerator;
import dev.ballast.simulator.TightMemory;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The what-if suite (issue 15: {@code fail: any} over 1,000 hosts in minutes, not hours): two
 * generated clusters of 1,000 hosts, each asked {@code fail: any} and {@code fitMore} under the
 * built-in {@code balance}, as {@code ballast what-if} answers them ({@link WhatIfRun}). On the
 * first, memory 85% full, a greedy restart absorbs every loss; on the second each host's memory
 * is cut to its VMs' plus 0 to 64 GiB, so that many losses fit only once other VMs move; on the
 * third to its VMs' plus 0 to 8 GiB, so that some losses strand VMs even so and go to the proof
 * and the planner.
 */
final class WhatIfSuite {

    static final String NAME = "what-if";

    /** The plans a case asks for share this, as {@code ballast what-if}'s default {@code --time-limit}. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    /** The shape of docs/what-if.md's {@code capacity} example: how many more of it fit. */
    static final VmShape SHAPE = new VmShape(8, 32 * 1024, new Demand(2, 0), null, Set.of());

    /** The rooms under the memory limit that the tight cluster's hosts keep, by turns, in GiB. */
    private static final long[] TIGHT_ROOM_GIB = {0, 4, 8, 16, 32, 64};
    /**
     * Rooms so small that moving a few VMs is not always enough, as whatif's FailAnyTest cuts its
     * cluster: the losses left go to the proof and the planner.
     */
    private static final long[] TIGHTER_ROOM_GIB = {0, 2, 4, 8};

    private WhatIfSuite() {
    }

    static List<BenchCase> cases(long seed) {
        return List.of(
                answering("1000-hosts-20000-vms", () -> ClusterGenerator.generate(
                        new ClusterGenerator.Options(1_000, 20_000, 0.85, 0.5, 6, seed))),
                answering("1000-hosts-15000-vms-memory-tight", () -> tight(1_000, 15_000, seed)),
                answering("1000-hosts-15000-vms-memory-tighter", () -> tight(1_000, 15_000, seed, TIGHTER_ROOM_GIB)));
    }

    /** As whatif's FailAnyTest builds its 200 hosts: memory 70% full, then cut. */
    static ClusterSnapshot tight(int hosts, int vms, long seed) {
        return tight(hosts, vms, seed, TIGHT_ROOM_GIB);
    }

    private static ClusterSnapshot tight(int hosts, int vms, long seed, long[] roomGib) {
        return TightMemory.cut(ClusterGenerator.generate(new ClusterGenerator.Options(hosts, vms, 0.7, 0.5, 6, seed)),
                balance().limits().memory(), roomGib);
    }

    /** The scenario every case answers: {@code fail: any}, then {@code fitMore} of {@link #SHAPE}. */
    static WhatIf scenario() {
        return new WhatIf("balance", List.of(new WhatIfCase.Fail("lose-any-host", List.of(), true),
                new WhatIfCase.FitMore("capacity", SHAPE)));
    }

    static BenchCase answering(String name, BenchCase.Source cluster) {
        return BenchCase.answering(NAME, name, cluster, balance(), TIME_LIMIT, scenario());
    }

    private static Policy balance() {
        return Policies.builtIn("balance", Goals.registry());
    }
}
