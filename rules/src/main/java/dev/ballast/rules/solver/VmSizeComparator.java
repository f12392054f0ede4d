package dev.ballast.rules.solver;

import java.util.Comparator;

/** Orders VMs from small to large, so that the construction heuristic places the largest first. */
public class VmSizeComparator implements Comparator<PlanningVm> {

    private static final Comparator<PlanningVm> BY_SIZE = Comparator
            .comparingLong(PlanningVm::getMemoryMiB)
            .thenComparingLong(PlanningVm::getCpuMillis)
            .thenComparingLong(PlanningVm::getNetworkKbps)
            .thenComparing(PlanningVm::getName);

    @Override
    public int compare(PlanningVm a, PlanningVm b) {
        return BY_SIZE.compare(a, b);
    }
}
