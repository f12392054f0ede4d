package dev.ballast.whatif.html;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Resources;
import dev.ballast.model.Shares;
import dev.ballast.reports.html.UtilisationChart.HostUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each host's shares of its capacity in use, before and after a case, for the utilisation charts. */
final class Loads {

    private Loads() {
    }

    /**
     * The hosts that run or would run VMs (active now or switched on after), before in {@code now}
     * and after in {@code changed} under {@code after}; hosts in {@code gone} are at zero after.
     */
    static List<HostUse> uses(ClusterSnapshot now, ClusterSnapshot changed, Placement after, Set<String> gone) {
        Map<String, Resources> before = now.currentPlacement().loadByHost(now);
        Map<String, Resources> later = after.loadByHost(changed);
        List<HostUse> uses = new ArrayList<>();
        for (Host host : changed.hosts()) {
            Host was = now.host(host.name()).orElse(host);
            if (!was.isActive() && !host.isActive() && !gone.contains(host.name())) {
                continue;
            }
            Resources afterLoad = gone.contains(host.name()) ? Resources.ZERO
                    : later.getOrDefault(host.name(), Resources.ZERO);
            uses.add(new HostUse(host.name(), shares(before.getOrDefault(host.name(), Resources.ZERO), host),
                    shares(afterLoad, host)));
        }
        return uses;
    }

    static Shares shares(Resources load, Host host) {
        Resources capacity = host.capacity();
        return new Shares(ratio(load.cpu(), capacity.cpu()), ratio(load.memoryMiB(), capacity.memoryMiB()),
                ratio(load.networkMbps(), capacity.networkMbps()));
    }

    private static double ratio(double used, double capacity) {
        return capacity <= 0 ? 0 : used / capacity;
    }
}
