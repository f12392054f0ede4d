package dev.ballast.reports.html;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.reports.PlanView;

import java.util.List;
import java.util.Set;

/** Small clusters and plans for the HTML report's tests, built by hand. */
final class Clusters {

    /** The goal's own settings are the scheduler's business; a report only shows the goal's name. */
    private record Named(String goal) implements GoalSettings {
    }

    static final Policy BALANCE = new Policy("balance", new Limits(0.85, 0.95, 0.8), 50, new Named("balance"));

    private Clusters() {
    }

    /** 32 cores, 128 GiB, 10 Gb/s, 120 W idle. */
    static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(32, 128 * 1024, 10_000), null,
                Set.of("nfs-vms"), Set.of("virbr0"), null, new Power(120, 300), null);
    }

    static Vm vm(String name, String host, int gib, double cpu) {
        return new Vm(name, host, gib * 1024L, 8, new Demand(cpu, 10), null, "nfs-vms", Set.of("virbr0"), false);
    }

    /** The view of a plan of {@code steps} on {@code snapshot}, its summary worked out from them. */
    static PlanView view(ClusterSnapshot snapshot, List<? extends Step> steps) {
        Placement after = snapshot.currentPlacement();
        for (Step step : steps) {
            if (step instanceof VmStep move) {
                after = after.with(move.vm(), move.to());
            }
        }
        List<Step> all = List.copyOf(steps);
        MigrationPlan plan = new MigrationPlan("balance", "0hard/-5soft", after, all, PlanSummary.of(snapshot, after, all));
        return PlanView.of(snapshot, BALANCE, plan);
    }
}
