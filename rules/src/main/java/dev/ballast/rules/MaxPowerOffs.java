package dev.ballast.rules;

import java.util.Optional;

/**
 * No more hosts switched off by one plan than the policy's {@code maxPowerOffsPerRun}, as oVirt
 * takes one host down per run: a mistake in the load's forecast then costs at most that many
 * hosts to wake.
 */
final class MaxPowerOffs implements PowerRule {

    @Override
    public String id() {
        return "max-power-offs";
    }

    @Override
    public Optional<Violation> whyNotOff(ClusterState state, String host) {
        Integer max = state.policy().power().maxPowerOffsPerRun();
        int done = state.switchedOff();
        if (max == null || done < max) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host, host + " would be host " + (done + 1)
                + " switched off by this plan, over the policy's maxPowerOffsPerRun of " + max));
    }
}
