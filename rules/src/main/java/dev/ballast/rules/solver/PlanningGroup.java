package dev.ballast.rules.solver;

import java.util.Set;

import org.optaplanner.core.api.domain.lookup.PlanningId;

/** A group of VMs under an affinity or anti-affinity rule. */
public class PlanningGroup {

    @PlanningId
    private String name;
    private boolean affinity;
    private Set<String> vmNames;

    public PlanningGroup() {
        // for OptaPlanner's cloning
    }

    public PlanningGroup(String name, boolean affinity, Set<String> vmNames) {
        this.name = name;
        this.affinity = affinity;
        this.vmNames = Set.copyOf(vmNames);
    }

    public boolean contains(PlanningVm vm) {
        return vmNames.contains(vm.getName());
    }

    public String getName() {
        return name;
    }

    /** True for affinity (together), false for anti-affinity (apart). */
    public boolean isAffinity() {
        return affinity;
    }

    @Override
    public String toString() {
        return name;
    }
}
