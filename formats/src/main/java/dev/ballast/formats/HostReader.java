package dev.ballast.formats;

import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Staleness;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/** Reads one entry of a snapshot's {@code hosts} list. */
final class HostReader {

    static final String[] FIELDS = {
        "name", "state", "capacity", "migrationLink", "storage", "bridges", "cpu", "power", "libvirtUri", "stale",
        "poweredOnAt"};

    static final String LIBVIRT_URI_EXAMPLE = "qemu+ssh://host-01/system";

    private HostReader() {
    }

    static Entry<Host> read(NodeReader host, Problems problems) {
        int mark = problems.count();
        host.allowOnly(FIELDS);
        String name = host.name("name", true);
        HostState state = host.choice("state", HostState.values(), HostState::key, HostState.ACTIVE, false);
        Resources capacity = capacity(host.object("capacity", true));
        MigrationLink link = migrationLink(host.object("migrationLink", false));
        List<String> storage = host.names("storage", false);
        List<String> bridges = host.names("bridges", false);
        CpuInfo cpu = cpu(host.object("cpu", false));
        Power power = power(host.object("power", false));
        String libvirtUri = host.uri("libvirtUri", false, LIBVIRT_URI_EXAMPLE);
        Staleness stale = stale(host.object("stale", false));
        Instant poweredOnAt = host.instant("poweredOnAt");
        if (problems.addedSince(mark)) {
            return host.entry(name, null);
        }
        return host.entry(name, new Host(name, state, capacity, link,
                new HashSet<>(storage), new HashSet<>(bridges), cpu, power, libvirtUri, stale, poweredOnAt));
    }

    private static Resources capacity(NodeReader capacity) {
        if (capacity == null) {
            return null;
        }
        capacity.allowOnly("cpu", "memoryMiB", "networkMbps");
        Double cpu = capacity.requiredDecimal("cpu", Bound.positiveUpTo(Bound.MAX_CORES));
        Long memoryMiB = capacity.requiredWhole("memoryMiB", Bound.positiveUpTo(Bound.MAX_MEMORY_MIB));
        Double networkMbps = capacity.requiredDecimal("networkMbps", Bound.positiveUpTo(Bound.MAX_MBPS));
        if (cpu == null || memoryMiB == null || networkMbps == null) {
            return null;
        }
        return new Resources(cpu, memoryMiB, networkMbps);
    }

    static MigrationLink migrationLink(NodeReader link) {
        if (link == null) {
            return null;
        }
        link.allowOnly("address", "mbps");
        String address = link.name("address", true);
        Long mbps = link.whole("mbps", MigrationLink.DEFAULT_MBPS, Bound.positiveUpTo(Bound.MAX_MBPS));
        return address == null || mbps == null ? null : new MigrationLink(address, mbps);
    }

    private static CpuInfo cpu(NodeReader cpu) {
        if (cpu == null) {
            return null;
        }
        cpu.allowOnly("arch", "model");
        return new CpuInfo(cpu.text("arch"), cpu.text("model"));
    }

    private static Staleness stale(NodeReader stale) {
        if (stale == null) {
            return null;
        }
        stale.allowOnly("since", "reason");
        if (!stale.has("since")) {
            stale.report("since", "required");
        }
        Instant since = stale.instant("since");
        String reason = stale.requiredText("reason");
        return since == null || reason == null ? null : new Staleness(since, reason);
    }

    static Power power(NodeReader power) {
        if (power == null) {
            return null;
        }
        power.allowOnly("idleWatts", "maxWatts");
        return watts(power);
    }

    /** A host's idle and maximum watts, both required, the maximum not below the idle draw. */
    static Power watts(NodeReader power) {
        Double idle = power.requiredDecimal("idleWatts", Bound.positiveUpTo(Bound.MAX_WATTS));
        Double max = power.requiredDecimal("maxWatts", Bound.positiveUpTo(Bound.MAX_WATTS));
        if (idle == null || max == null) {
            return null;
        }
        if (max < idle) {
            power.report("maxWatts", "must be >= idleWatts (" + Numbers.show(idle) + "), got " + Numbers.show(max));
            return null;
        }
        return new Power(idle, max);
    }
}
