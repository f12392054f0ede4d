package dev.ballast.collector;

import dev.ballast.hosts.VmInventory;
import dev.ballast.hosts.VmStatistics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns two successive readings of a host into rates: host CPU cores busy, and each
 * VM's cores and Mb/s. A counter that went backwards (a restarted VM) gives no rate this time.
 */
final class Rates {

    private static final double NANOS_PER_SECOND = 1e9;

    private Rates() {
    }

    /** Host cores busy: the busy share of all CPU time times the CPUs; empty without node CPU stats. */
    static Optional<Double> hostCpu(HostReading before, HostReading after) {
        if (before.statistics().cpuTimes() == null || after.statistics().cpuTimes() == null) {
            return Optional.empty();
        }
        long busy = after.statistics().cpuTimes().busyNs() - before.statistics().cpuTimes().busyNs();
        long total = after.statistics().cpuTimes().totalNs() - before.statistics().cpuTimes().totalNs();
        if (total <= 0 || busy < 0) {
            return Optional.empty();
        }
        return Optional.of((double) busy / total * after.inventory().cpus());
    }

    /** Each VM present in both readings, with its CPU (capped at its vCPUs) and network rates. */
    static Map<String, VmUse> vms(HostReading before, HostReading after) {
        Map<String, VmUse> rates = new HashMap<>();
        double seconds = Duration.between(before.takenAt(), after.takenAt()).toNanos() / NANOS_PER_SECOND;
        if (seconds <= 0) {
            return rates;
        }
        for (VmInventory vm : after.inventory().vms()) {
            VmStatistics then = before.statistics().vms().get(vm.name());
            VmStatistics now = after.statistics().vms().get(vm.name());
            if (then != null && now != null) {
                rates.put(vm.name(), use(vm, then, now, seconds));
            }
        }
        return rates;
    }

    private static VmUse use(VmInventory vm, VmStatistics then, VmStatistics now, double seconds) {
        long cpuNs = now.cpuTimeNs() - then.cpuTimeNs();
        Double cpu = cpuNs < 0 ? null : Math.min(cpuNs / NANOS_PER_SECOND / seconds, vm.vcpus());
        return new VmUse(cpu, now.memoryUsedMiB(), networkMbps(then, now, seconds));
    }

    // The busier direction: a NIC is full duplex, so receiving does not use up sending.
    private static Double networkMbps(VmStatistics then, VmStatistics now, double seconds) {
        if (then.rxBytes() == null || now.rxBytes() == null || then.txBytes() == null || now.txBytes() == null) {
            return null;
        }
        long rx = now.rxBytes() - then.rxBytes();
        long tx = now.txBytes() - then.txBytes();
        if (rx < 0 || tx < 0) {
            return null;
        }
        return Math.max(rx, tx) * 8 / seconds / 1e6;
    }
}
