package dev.ballast.scheduler;

import dev.ballast.model.PowerOff;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a plan switches hosts off: each host right after the last step that leaves it (or passes
 * through it on a detour), so that its watts are saved from then on, even when the plan stops
 * early; a host empty from the start goes first, as it costs no migration.
 */
final class PowerOffs {

    private PowerOffs() {
    }

    /** The steps with a power-off of each of {@code hosts}, none of which the steps leave holding a VM. */
    static List<Step> insert(List<? extends Step> steps, List<String> hosts) {
        Map<String, Integer> lastTouch = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof VmStep move) {
                if (move.from() != null) {
                    lastTouch.put(move.from(), i);
                }
                lastTouch.put(move.to(), i);
            }
        }
        Map<Integer, List<String>> offAfter = new HashMap<>();
        hosts.forEach(host -> offAfter.computeIfAbsent(lastTouch.getOrDefault(host, -1), i -> new ArrayList<>())
                .add(host));
        List<Step> placed = new ArrayList<>(steps.size() + hosts.size());
        offAfter.getOrDefault(-1, List.of()).forEach(host -> placed.add(new PowerOff(host)));
        for (int i = 0; i < steps.size(); i++) {
            placed.add(steps.get(i));
            offAfter.getOrDefault(i, List.of()).forEach(host -> placed.add(new PowerOff(host)));
        }
        return placed;
    }
}
