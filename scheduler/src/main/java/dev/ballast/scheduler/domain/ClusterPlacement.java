package dev.ballast.scheduler.domain;

import dev.ballast.rules.solver.MigrationCap;
import dev.ballast.rules.solver.PlanningGroup;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import java.util.List;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/** The solver's view of a cluster: hosts and groups as facts, VMs as the entities it moves. */
@PlanningSolution(solutionCloner = ClusterPlacementCloner.class)
public class ClusterPlacement {

    @ValueRangeProvider
    @ProblemFactCollectionProperty
    private List<PlanningHost> hosts;

    @ProblemFactCollectionProperty
    private List<PlanningGroup> groups;

    @ProblemFactProperty
    private MigrationCap migrationCap;

    @PlanningEntityCollectionProperty
    private List<PlanningVm> vms;

    @PlanningScore
    private HardSoftLongScore score;

    public ClusterPlacement() {
        // for OptaPlanner's cloning
    }

    public ClusterPlacement(List<PlanningHost> hosts, List<PlanningGroup> groups, MigrationCap migrationCap,
            List<PlanningVm> vms) {
        this.hosts = hosts;
        this.groups = groups;
        this.migrationCap = migrationCap;
        this.vms = vms;
    }

    public List<PlanningHost> getHosts() {
        return hosts;
    }

    public List<PlanningGroup> getGroups() {
        return groups;
    }

    public MigrationCap getMigrationCap() {
        return migrationCap;
    }

    public List<PlanningVm> getVms() {
        return vms;
    }

    public HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardSoftLongScore score) {
        this.score = score;
    }
}
