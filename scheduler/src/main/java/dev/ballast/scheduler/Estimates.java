package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.PreCopyModel;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;

import java.util.List;

/** Puts the pre-copy model's estimate on every migration of a plan. */
final class Estimates {

    private Estimates() {
    }

    static List<VmStep> attach(ClusterSnapshot snapshot, List<VmStep> steps, PreCopyModel model) {
        return steps.stream().map(step -> step instanceof Migration move ? estimated(snapshot, move, model) : step)
                .toList();
    }

    private static Migration estimated(ClusterSnapshot snapshot, Migration step, PreCopyModel model) {
        Vm vm = snapshot.vm(step.vm()).orElseThrow();
        // The stream runs at the pace of the slower end of the migration link.
        long mbps = Math.min(linkMbps(snapshot, step.from()), linkMbps(snapshot, step.to()));
        return step.withEstimate(model.estimate(vm.memoryMiB(), vm.dirtyRateMiBps(), mbps));
    }

    private static long linkMbps(ClusterSnapshot snapshot, String hostName) {
        MigrationLink link = snapshot.host(hostName).map(Host::migrationLink).orElse(null);
        return link == null ? MigrationLink.DEFAULT_MBPS : link.mbps();
    }
}
