package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;

import java.time.Instant;

/**
 * The policy's cooldown: a VM that migrated less than {@code cooldown} ago stays where it is, as
 * if pinned, so that no VM ping-pongs between plans. A VM whose host must be emptied moves anyway.
 */
final class Cooldown {

    private Cooldown() {
    }

    static ClusterSnapshot apply(ClusterSnapshot snapshot, Policy policy, Instant now) {
        if (policy.cooldown().isZero()) {
            return snapshot;
        }
        Instant since = now.minus(policy.cooldown());
        return new ClusterSnapshot(snapshot.hosts(),
                snapshot.vms().stream().map(vm -> cooling(snapshot, vm, since) ? vm.asPinned() : vm).toList(),
                snapshot.groups());
    }

    private static boolean cooling(ClusterSnapshot snapshot, Vm vm, Instant since) {
        return vm.lastMigratedAt() != null && vm.lastMigratedAt().isAfter(since) && vm.host() != null
                && snapshot.host(vm.host()).map(Host::isActive).orElse(false);
    }

}
