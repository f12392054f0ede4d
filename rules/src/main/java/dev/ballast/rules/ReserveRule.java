package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.PowerLimits.Reserve;
import dev.ballast.model.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A host is not switched off when the hosts left on would keep less free room than the policy's
 * {@code reserve}: room is what each host that receives VMs (active, figures fresh) may still
 * take within the policy's limits, summed, for each resource. {@code {hosts: N}} asks for the room
 * of the N largest hosts left on, {@code {capacity: S}} for the share S of what the hosts left on
 * may hold. Moving VMs between hosts that are on leaves the sum as it is, so a plan's power-offs
 * are judged alike wherever they fall among its migrations.
 */
final class ReserveRule implements PowerRule {

    @Override
    public String id() {
        return "reserve";
    }

    @Override
    public Optional<Violation> whyNotOff(ClusterState state, String hostName) {
        Reserve reserve = state.policy().power().reserve();
        if (reserve.isNone()) {
            return Optional.empty();
        }
        List<String> left = new ArrayList<>();
        for (Host host : state.snapshot().hosts()) {
            if (!host.name().equals(hostName) && state.receives(host.name())) {
                left.add(host.name());
            }
        }
        for (Resource resource : Resource.values()) {
            double room = 0;
            for (String host : left) {
                room += state.limitOf(host).get(resource) - state.loadOf(host).get(resource);
            }
            double wanted = wanted(state, reserve, left, resource);
            if (room < wanted - 1e-9) {
                return Optional.of(new Violation(id(), hostName, String.format(Locale.ROOT,
                        "switching %s off leaves %s %s free on the hosts that stay on, under the policy's"
                                + " reserve %s of %s %s", hostName, show(room), resource.unit(), reserve.describe(),
                        show(wanted), resource.unit())));
            }
        }
        return Optional.empty();
    }

    private static double wanted(ClusterState state, Reserve reserve, List<String> left, Resource resource) {
        List<Double> limits = new ArrayList<>(left.stream().map(h -> state.limitOf(h).get(resource)).toList());
        if (reserve.hosts() > 0) {
            limits.sort(Comparator.reverseOrder());
            return limits.stream().limit(reserve.hosts()).mapToDouble(Double::doubleValue).sum();
        }
        return reserve.capacity() * limits.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String show(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
