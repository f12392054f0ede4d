package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOff;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of the hosts a goal left empty a plan switches off: the hungriest first (most idle
 * watts, then by name), each only when every rule allows it once the ones before it are off
 * (the power rules: the policy's reserve, its cap per plan, its power cooldown, the last host of
 * a storage or bridge). Judged on the plan's end placement: migrations between hosts that are on
 * change none of these rules' answers, so the steps' replay agrees. A host kept on stays on
 * empty, with the reason.
 */
final class PowerOffChoice {

    /** The hosts to switch off, in the goal's order, and those kept on with the rule that keeps each. */
    record Choice(List<String> off, Map<String, Violation> keptOn) {
    }

    private PowerOffChoice() {
    }

    static Choice of(ClusterSnapshot snapshot, Policy policy, Placement end, List<String> candidates, Instant now) {
        ClusterState state = ClusterState.of(snapshot, policy, end).at(now);
        Map<String, Host> hosts = snapshot.hostsByName();
        List<String> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingDouble((String h) -> -hosts.get(h).idleWatts())
                .thenComparing(Comparator.naturalOrder()));
        List<String> off = new ArrayList<>();
        Map<String, Violation> keptOn = new LinkedHashMap<>();
        for (String host : ordered) {
            PowerOff step = new PowerOff(host);
            Optional<Violation> refusal = state.whyNotStep(step);
            if (refusal.isPresent()) {
                keptOn.put(host, refusal.get());
            } else {
                step.applyTo(state);
                off.add(host);
            }
        }
        // In the goal's order, which the plan keeps among power-offs that fall together.
        return new Choice(candidates.stream().filter(off::contains).toList(), keptOn);
    }
}
