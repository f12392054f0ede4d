package dev.ballast.scheduler.solver;

import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;

/** A goal's prices, as the solver's problem carries them: see {@link ProblemBuilder}. */
public interface Pricing {

    /** What the host's load costs (or earns) under the goal. */
    PlanningHost.Prices forHost(Host host);

    /** Where the host starts to run hot and what each unit beyond costs; none by default. */
    default PlanningHost.HotSpot hotSpotFor(Host host) {
        return PlanningHost.HotSpot.NONE;
    }

    /** The price of migrating the VM from where it runs now. */
    long migrationOf(Vm vm);
}
