package dev.ballast.scheduler;

import dev.ballast.model.DroppedMove;
import dev.ballast.model.VmStep;
import dev.ballast.model.Placement;

import java.util.List;

/**
 * Moves put in an order that runs one at a time: the steps (detours included), the moves no safe
 * order could include, and where the VMs are once the steps have run.
 */
record Sequence(List<VmStep> steps, List<DroppedMove> dropped, Placement reached) {

    Sequence {
        steps = List.copyOf(steps);
        dropped = List.copyOf(dropped);
    }
}
