package dev.ballast.hosts.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ballast.hosts.HostStatistics.CpuTimes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Host-wide CPU times and memory figures through {@link NativeLibvirt}. Each call asks libvirt
 * for the number of fields first, then reads them into a buffer of exactly that size.
 */
final class NodeStats {

    private NodeStats() {
    }

    /** Empty when the driver does not offer node CPU stats. */
    static Optional<CpuTimes> cpuTimes(Pointer conn) {
        Map<String, Long> fields = read(conn, true);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        long total = fields.values().stream().mapToLong(Long::longValue).sum();
        // "utilization" (a percentage some drivers add) is no time and must not be summed.
        total -= fields.getOrDefault("utilization", 0L);
        long idle = fields.getOrDefault("idle", 0L) + fields.getOrDefault("iowait", 0L);
        return Optional.of(new CpuTimes(total - idle, total));
    }

    /** Memory in use, MiB, not counting buffers and page cache; empty when not offered. */
    static Optional<Double> memoryUsedMiB(Pointer conn) {
        Map<String, Long> kib = read(conn, false);
        if (!kib.containsKey("total") || !kib.containsKey("free")) {
            return Optional.empty();
        }
        long used = kib.get("total") - kib.get("free") - kib.getOrDefault("buffers", 0L)
                - kib.getOrDefault("cached", 0L);
        return Optional.of(used / 1024.0);
    }

    private static Map<String, Long> read(Pointer conn, boolean cpu) {
        IntByReference count = new IntByReference(0);
        if (call(conn, cpu, null, count) < 0 || count.getValue() <= 0) {
            return Map.of();
        }
        Memory params = new Memory((long) NativeLibvirt.ENTRY_SIZE * count.getValue());
        params.clear();
        if (call(conn, cpu, params, count) < 0) {
            return Map.of();
        }
        Map<String, Long> fields = new HashMap<>();
        for (int i = 0; i < count.getValue(); i++) {
            long offset = (long) i * NativeLibvirt.ENTRY_SIZE;
            fields.put(params.getString(offset), params.getLong(offset + NativeLibvirt.FIELD_LENGTH));
        }
        return fields;
    }

    private static int call(Pointer conn, boolean cpu, Pointer params, IntByReference count) {
        return cpu
                ? NativeLibvirt.INSTANCE.virNodeGetCPUStats(conn, NativeLibvirt.ALL_CPUS, params, count, 0)
                : NativeLibvirt.INSTANCE.virNodeGetMemoryStats(conn, NativeLibvirt.ALL_CELLS, params, count, 0);
    }
}
