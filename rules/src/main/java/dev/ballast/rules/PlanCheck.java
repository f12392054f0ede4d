package dev.ballast.rules;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a plan on a snapshot, one step at a time, as it would run: each step must find its VM
 * on {@code from} and keep every continuous {@link HardRule} (capacity within limits on the
 * destination, an active destination with the VM's storage and bridges, anti-affinity, pinned
 * VMs left alone; a host switched off only when it holds no VM, nothing onto a host that is off),
 * and each power-off keeps every {@link PowerRule} (the reserve, the cap per plan, the power
 * cooldown, the last host of a storage or bridge).
 * The end must be the plan's placement, and break no rule, continuous or end-only, that the
 * cluster did not already break before the plan. The planner checks every plan it emits this way; the executor
 * checks again against a fresh snapshot before acting.
 */
public final class PlanCheck {

    /** The first thing wrong with a plan. {@code step} counts from 1; 0 means the plan's end state. */
    public record Problem(int step, Step action, String reason) {

        @Override
        public String toString() {
            return step == 0 ? "end of plan: " + reason : "step " + step + " (" + action.describe() + "): " + reason;
        }
    }

    private PlanCheck() {
    }

    /**
     * The first problem of the plan judged now by the system's clock (the power cooldown's now),
     * or empty when every step is valid and the end is sound.
     */
    public static Optional<Problem> firstProblem(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        return firstProblem(snapshot, policy, plan, Instant.now());
    }

    /** The first problem of the plan judged at {@code now}, or empty when every step is valid and the end is sound. */
    public static Optional<Problem> firstProblem(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan,
            Instant now) {
        ClusterState state = ClusterState.current(snapshot, policy).at(now);
        List<Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            Optional<String> wrong = whyNot(snapshot, state, steps.get(i));
            if (wrong.isPresent()) {
                return Optional.of(new Problem(i + 1, steps.get(i), wrong.get()));
            }
            steps.get(i).applyTo(state);
        }
        if (plan.placement() != null && !state.placement().hostOfVm().equals(plan.placement().hostOfVm())) {
            return Optional.of(new Problem(0, null, "the steps do not lead to the plan's placement"));
        }
        return newViolation(snapshot, policy, state).map(v -> new Problem(0, null, v.toString()));
    }

    private static Optional<String> whyNot(ClusterSnapshot snapshot, ClusterState state, Step step) {
        if (snapshot.host(step.host()).isEmpty()) {
            return Optional.of("no host named " + step.host() + " in the snapshot");
        }
        if (step instanceof VmStep move) {
            return whyNotMove(snapshot, state, move);
        }
        return state.whyNotStep(step).map(Violation::toString);
    }

    private static Optional<String> whyNotMove(ClusterSnapshot snapshot, ClusterState state, VmStep step) {
        if (snapshot.vm(step.vm()).isEmpty()) {
            return Optional.of("no VM named " + step.vm() + " in the snapshot");
        }
        if (snapshot.host(step.to()).isEmpty()) {
            return Optional.of("no host named " + step.to() + " in the snapshot");
        }
        String where = state.hostOf(step.vm());
        if (where == null ? step.from() != null : !where.equals(step.from())) {
            return Optional.of(step.vm() + " is " + (where == null ? "not placed yet" : "on " + where)
                    + ", not on " + step.from());
        }
        if (step.to().equals(where)) {
            return Optional.of(step.vm() + " is already on " + step.to());
        }
        return state.whyNotStep(step.vm(), step.to()).map(Violation::toString);
    }

    /** A rule the end state breaks that the cluster kept before the plan. */
    private static Optional<Violation> newViolation(ClusterSnapshot snapshot, Policy policy, ClusterState end) {
        Set<String> before = new HashSet<>();
        for (Violation v : HardRules.check(snapshot, policy, snapshot.currentPlacement())) {
            before.add(v.rule() + "@" + v.where());
        }
        return HardRules.check(end).stream()
                .filter(v -> !before.contains(v.rule() + "@" + v.where()))
                .findFirst();
    }
}
