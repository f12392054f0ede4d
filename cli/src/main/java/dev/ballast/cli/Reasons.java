package dev.ballast.cli;

import dev.ballast.model.Policy;
import dev.ballast.scheduler.NoFeasiblePlacementException;

import java.io.PrintWriter;

/** Prints why no plan could be made, one reason a line. */
final class Reasons {

    private Reasons() {
    }

    static void print(PrintWriter err, Policy policy, NoFeasiblePlacementException e) {
        err.println("No feasible placement under policy \"" + policy.name() + "\":");
        for (String reason : e.reasons()) {
            err.println("  - " + reason);
        }
        err.println("Free capacity (fewer VMs, more or bigger hosts) or use a policy with higher limits.");
    }
}
