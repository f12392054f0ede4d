package dev.ballast.rules;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.countDistinct;
import static org.optaplanner.core.api.score.stream.Joiners.filtering;

import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningGroup;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The VMs of an affinity group run on one host. Not continuous: a group moves one VM at a time,
 * so it is apart between its members' steps; a plan keeps it at its end. Every host beyond the
 * first that holds part of a group is one too many, weighing {@link HardRules#GROUP_BREACH}.
 */
final class Affinity implements HardRule {

    @Override
    public String id() {
        return "affinity";
    }

    @Override
    public boolean continuous() {
        return false;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .join(PlanningGroup.class, filtering((vm, group) -> group.isAffinity() && group.contains(vm)))
                .groupBy((vm, group) -> group, countDistinct((vm, group) -> vm.getHost()))
                .filter((group, hosts) -> hosts > 1)
                .penalizeLong(HardSoftLongScore.ONE_HARD, (group, hosts) -> (hosts - 1) * HardRules.GROUP_BREACH)
                .asConstraint(id());
    }

    @Override
    public List<Violation> check(ClusterState state) {
        List<Violation> violations = new ArrayList<>();
        for (Group group : state.snapshot().groups()) {
            Map<String, List<String>> vmsByHost = state.vmsByHost(group);
            if (group.rule() == GroupRule.AFFINITY && vmsByHost.size() > 1) {
                violations.add(new Violation(id(), group.name(),
                        "group " + group.name() + " is split over hosts " + new TreeSet<>(vmsByHost.keySet())));
            }
        }
        return violations;
    }

    /** Asked by greedy packing, which builds a final placement; never of a plan's steps. */
    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        for (Group group : state.groupsOf(vm.name())) {
            if (group.rule() != GroupRule.AFFINITY) {
                continue;
            }
            for (String other : group.vms()) {
                String otherHost = state.hostOf(other);
                if (!other.equals(vm.name()) && otherHost != null && !otherHost.equals(host.name())) {
                    return Optional.of(new Violation(id(), group.name(), vm.name() + " on " + host.name()
                            + " would part from " + other + " of group " + group.name() + " on " + otherHost));
                }
            }
        }
        return Optional.empty();
    }
}
