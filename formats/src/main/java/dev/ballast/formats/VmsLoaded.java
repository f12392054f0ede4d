package dev.ballast.formats;

import dev.ballast.model.Demand;
import dev.ballast.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The VMs of a snapshot read as {@code Vm} records, for the snapshot {@code plan} loads. */
final class VmsLoaded extends VmsRead {

    private final List<Vm> vms = new ArrayList<>();

    VmsLoaded() {
        super(VmNames.asStrings());
    }

    @Override
    void keep(String host, long memoryMiB, int vcpus, double cpu, double networkMbps, double dirtyRate,
            String storage, Set<String> bridges, boolean pinned, Instant lastMigratedAt) {
        vms.add(new Vm(lastName(), host, memoryMiB, vcpus, new Demand(cpu, networkMbps),
                Double.isNaN(dirtyRate) ? null : dirtyRate, storage, bridges,
                pinned, lastMigratedAt));
    }

    @Override
    Fit.Needs needs() {
        return Fit.needsOf(vms);
    }

    /** The VMs read without problems, in order. */
    List<Vm> valid() {
        return vms;
    }
}
