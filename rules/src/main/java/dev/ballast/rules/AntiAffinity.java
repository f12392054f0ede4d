package dev.ballast.rules;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.countBi;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VMs of an anti-affinity group run on different hosts, at every moment. Every VM beyond the
 * first of a group on one host is one too many, weighing {@link HardRules#GROUP_BREACH}.
 */
final class AntiAffinity implements HardRule {

    @Override
    public String id() {
        return "anti-affinity";
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .join(PlanningGroup.class, filtering((vm, group) -> !group.isAffinity() && group.contains(vm)))
                .groupBy((vm, group) -> group, (vm, group) -> vm.getHost(), countBi())
                .filter((group, host, vms) -> vms > 1)
                .penalizeLong(HardSoftLongScore.ONE_HARD, (group, host, vms) -> (vms - 1) * HardRules.GROUP_BREACH)
                .asConstraint(id());
    }

    @Override
    public List<Violation> check(ClusterState state) {
        List<Violation> violations = new ArrayList<>();
        for (Group group : state.snapshot().groups()) {
            if (group.rule() != GroupRule.ANTI_AFFINITY) {
                continue;
            }
            Set<String> shared = new LinkedHashSet<>();
            for (Map.Entry<String, List<String>> on : state.vmsByHost(group).entrySet()) {
                if (on.getValue().size() > 1) {
                    shared.add(on.getKey() + " holds " + on.getValue());
                }
            }
            if (!shared.isEmpty()) {
                violations.add(new Violation(id(), group.name(),
                        "group " + group.name() + " shares hosts: " + String.join(", ", shared)));
            }
        }
        return violations;
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        for (Group group : state.groupsOf(vm.name())) {
            if (group.rule() != GroupRule.ANTI_AFFINITY) {
                continue;
            }
            for (String other : group.vms()) {
                if (!other.equals(vm.name()) && host.name().equals(state.hostOf(other))) {
                    return Optional.of(new Violation(id(), group.name(), vm.name() + " and " + other + " of group "
                            + group.name() + " would share " + host.name()));
                }
            }
        }
        return Optional.empty();
    }
}
