package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.rules.HardRules;
import dev.ballast.scheduler.goals.Goals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy's cooldown, the guard against ping-pong. A VM that migrated less than
 * {@code cooldown} ago stays where it is, as if pinned, so it is never moved back to the host it
 * left within its cooldown, nor on. A VM whose host must be emptied moves anyway. And a goal that
 * rests while the last plan cools ({@code relieve}, {@code balance}) makes no plan at all while
 * any VM is cooling down and the cluster keeps every limit and rule: the last plan's moves are
 * given time to show their effect before they are answered.
 */
final class Cooldown {

    private static final Logger log = LoggerFactory.getLogger(Cooldown.class);

    private Cooldown() {
    }

    static ClusterSnapshot apply(ClusterSnapshot snapshot, Policy policy, Instant now) {
        if (policy.cooldown().isZero()) {
            return snapshot;
        }
        Instant since = now.minus(policy.cooldown());
        List<Vm> cooling = snapshot.vms().stream().filter(vm -> cooling(snapshot, vm, since)).toList();
        if (cooling.isEmpty()) {
            return snapshot;
        }
        if (Goals.registry().of(policy).restsWhileCooling()
                && HardRules.check(snapshot, policy, snapshot.currentPlacement()).isEmpty()) {
            Vm last = cooling.stream().max((a, b) -> a.lastMigratedAt().compareTo(b.lastMigratedAt())).orElseThrow();
            log.info("policy {}: {} VMs moved within the cooldown of {} (the last, {}, at {}) and every host keeps"
                    + " its limits: nothing moves until {}", policy.name(), cooling.size(), policy.cooldown(),
                    last.name(), last.lastMigratedAt(), last.lastMigratedAt().plus(policy.cooldown()));
            return new ClusterSnapshot(snapshot.hosts(), snapshot.vms().stream().map(Vm::asPinned).toList(),
                    snapshot.groups());
        }
        Set<String> names = cooling.stream().map(Vm::name).collect(Collectors.toSet());
        return new ClusterSnapshot(snapshot.hosts(),
                snapshot.vms().stream().map(vm -> names.contains(vm.name()) ? vm.asPinned() : vm).toList(),
                snapshot.groups());
    }

    private static boolean cooling(ClusterSnapshot snapshot, Vm vm, Instant since) {
        return vm.lastMigratedAt() != null && vm.lastMigratedAt().isAfter(since) && vm.host() != null
                && snapshot.host(vm.host()).map(Host::isActive).orElse(false);
    }
}
