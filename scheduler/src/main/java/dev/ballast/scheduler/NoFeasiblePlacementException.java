package dev.ballast.scheduler;

import java.util.List;

/**
 * No placement satisfies every hard rule of the policy. The reasons say which resource or rule
 * is short, and where, e.g. {@code cpu: host-03 is 2.5 cores over its limit of 54.4}.
 */
public final class NoFeasiblePlacementException extends Exception {

    private final List<String> reasons;

    public NoFeasiblePlacementException(List<String> reasons) {
        super("no feasible placement: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
