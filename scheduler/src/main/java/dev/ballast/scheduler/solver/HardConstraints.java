package dev.ballast.scheduler.solver;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.count;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.countBi;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.countDistinct;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;
import static org.optaplanner.core.api.score.stream.Joiners.filtering;

import dev.ballast.scheduler.domain.MigrationCap;
import dev.ballast.scheduler.domain.PlanningGroup;
import dev.ballast.scheduler.domain.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * The rules every placement must keep, whatever the goal. Each penalises the size of its breach:
 * millicores, MiB or kb/s over a limit; the memory of a VM where it may not be; VMs too many.
 * Each goal's provider ({@code goals.GoalConstraints}) lists these, then its own soft
 * constraints, then the migration cost; on its own this provider has the hard rules and the
 * migration cost, for testing them.
 */
public class HardConstraints implements ConstraintProvider {

    /** A misplaced VM of a group weighs as much as a GiB of memory over a limit. */
    static final long GROUP_BREACH = 1024;

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        Constraint[] hard = hard(factory);
        Constraint[] all = java.util.Arrays.copyOf(hard, hard.length + 1);
        all[hard.length] = migrationCost(factory);
        return all;
    }

    /** The hard rules. */
    public Constraint[] hard(ConstraintFactory factory) {
        return new Constraint[] {
                cpuWithinLimit(factory),
                memoryWithinLimit(factory),
                networkWithinLimit(factory),
                vmOnActiveHost(factory),
                nothingOntoStaleHost(factory),
                storageMounted(factory),
                bridgesPresent(factory),
                antiAffinityGroupApart(factory),
                affinityGroupTogether(factory),
                migrationsWithinCap(factory),
        };
    }

    Constraint cpuWithinLimit(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getCpuMillis))
                .filter((host, cpu) -> cpu > host.getCpuLimitMillis())
                .penalizeLong(HardSoftLongScore.ONE_HARD, (host, cpu) -> cpu - host.getCpuLimitMillis())
                .asConstraint(ConstraintNames.CPU_LIMIT);
    }

    Constraint memoryWithinLimit(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getMemoryMiB))
                .filter((host, memory) -> memory > host.getMemoryLimitMiB())
                .penalizeLong(HardSoftLongScore.ONE_HARD, (host, memory) -> memory - host.getMemoryLimitMiB())
                .asConstraint(ConstraintNames.MEMORY_LIMIT);
    }

    Constraint networkWithinLimit(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(PlanningVm::getNetworkKbps))
                .filter((host, network) -> network > host.getNetworkLimitKbps())
                .penalizeLong(HardSoftLongScore.ONE_HARD, (host, network) -> network - host.getNetworkLimitKbps())
                .asConstraint(ConstraintNames.NETWORK_LIMIT);
    }

    /** Maintenance hosts must be emptied and standby hosts receive nothing. */
    Constraint vmOnActiveHost(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> !vm.getHost().isActive())
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(ConstraintNames.ACTIVE_HOST);
    }

    /** A host whose figures are out of date may be full for all we know. */
    Constraint nothingOntoStaleHost(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMovedOntoStaleHost)
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(ConstraintNames.STALE_HOST);
    }

    Constraint storageMounted(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> !vm.isOnStorageItNeeds())
                .penalizeLong(HardSoftLongScore.ONE_HARD, PlanningVm::getMemoryMiB)
                .asConstraint(ConstraintNames.STORAGE_MOUNTED);
    }

    Constraint bridgesPresent(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(vm -> vm.getMissingBridges() > 0)
                .penalizeLong(HardSoftLongScore.ONE_HARD, vm -> vm.getMissingBridges() * vm.getMemoryMiB())
                .asConstraint(ConstraintNames.BRIDGES_PRESENT);
    }

    /** Every VM beyond the first of a group on one host is one too many. */
    Constraint antiAffinityGroupApart(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .join(PlanningGroup.class, filtering((vm, group) -> !group.isAffinity() && group.contains(vm)))
                .groupBy((vm, group) -> group, (vm, group) -> vm.getHost(), countBi())
                .filter((group, host, vms) -> vms > 1)
                .penalizeLong(HardSoftLongScore.ONE_HARD, (group, host, vms) -> (vms - 1) * GROUP_BREACH)
                .asConstraint(ConstraintNames.ANTI_AFFINITY);
    }

    /** Every host beyond the first that holds part of a group is one too many. */
    Constraint affinityGroupTogether(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .join(PlanningGroup.class, filtering((vm, group) -> group.isAffinity() && group.contains(vm)))
                .groupBy((vm, group) -> group, countDistinct((vm, group) -> vm.getHost()))
                .filter((group, hosts) -> hosts > 1)
                .penalizeLong(HardSoftLongScore.ONE_HARD, (group, hosts) -> (hosts - 1) * GROUP_BREACH)
                .asConstraint(ConstraintNames.AFFINITY);
    }

    Constraint migrationsWithinCap(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMoved)
                .groupBy(count())
                .join(MigrationCap.class, filtering((moves, cap) -> moves > cap.maxMigrations()))
                .penalizeLong(HardSoftLongScore.ONE_HARD, (moves, cap) -> (moves - cap.maxMigrations()) * GROUP_BREACH)
                .asConstraint(ConstraintNames.MIGRATION_CAP);
    }

    /** Every move costs in proportion to the memory it copies, so nothing moves without a reason. */
    public Constraint migrationCost(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .filter(PlanningVm::isMoved)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, PlanningVm::getMigrationPrice)
                .asConstraint(ConstraintNames.MIGRATION_COST);
    }
}
