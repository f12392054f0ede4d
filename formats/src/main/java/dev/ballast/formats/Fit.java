package dev.ballast.formats;

import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds VMs no host could ever hold, whatever the plan: the input is wrong (a typo in a size,
 * a storage id no host mounts) and no policy can help. Policy limits are not known when a
 * snapshot is read, so this compares with the hosts' full capacity; the solver reports VMs that
 * fit only above a limit.
 */
final class Fit {

    private Fit() {
    }

    /** Why no host that may run VMs can hold this VM, or empty when one can. */
    static Optional<String> whyNowhere(Vm vm, List<Host> hosts) {
        List<Host> running = hosts.stream().filter(h -> h.state() != HostState.STANDBY).toList();
        if (running.isEmpty()) {
            return Optional.of("fits on no host: every host is standby (powered off)");
        }
        List<Host> attachable = running.stream().filter(h -> h.offersAttachmentsOf(vm)).toList();
        if (attachable.isEmpty()) {
            return Optional.of("fits on no host: needs " + attachments(vm)
                    + ", and no host that is not standby offers all of them");
        }
        if (attachable.stream().anyMatch(h -> vm.usage().fitsWithin(h.capacity()))) {
            return Optional.empty();
        }
        return Optional.of("fits on no host: needs " + show(vm.usage())
                + ", more than any host that is not standby and offers its storage and bridges"
                + " (largest: " + show(largest(attachable)) + ")");
    }

    private static String attachments(Vm vm) {
        String bridges = "bridges " + new TreeSet<>(vm.bridges());
        if (vm.storage() == null) {
            return bridges;
        }
        return "storage \"" + vm.storage() + "\"" + (vm.bridges().isEmpty() ? "" : " and " + bridges);
    }

    /** The largest amount of each resource on any one host; no single host need have them all. */
    private static Resources largest(List<Host> hosts) {
        return new Resources(
                hosts.stream().mapToDouble(h -> h.capacity().cpu()).max().orElse(0),
                hosts.stream().mapToLong(h -> h.capacity().memoryMiB()).max().orElse(0),
                hosts.stream().mapToDouble(h -> h.capacity().networkMbps()).max().orElse(0));
    }

    private static String show(Resources amount) {
        return "cpu " + Numbers.show(amount.cpu()) + ", memoryMiB " + amount.memoryMiB()
                + ", networkMbps " + Numbers.show(amount.networkMbps());
    }
}
