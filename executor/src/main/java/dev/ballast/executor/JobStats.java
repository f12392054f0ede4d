package dev.ballast.executor;

import java.util.HashMap;
import java.util.Map;
import org.libvirt.DomainJobStats;
import org.libvirt.TypedParameter;
import org.libvirt.TypedDoubleParameter;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedUintParameter;
import org.libvirt.TypedUlongParameter;

/**
 * One reading of a migration job's statistics (virDomainGetJobStats), in the units people read:
 * MiB, MiB/s, milliseconds. Fields libvirt did not report are negative.
 *
 * @param type               virDomainJobType: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled
 * @param elapsedMs          time since the job started
 * @param dataTotalMiB       what must be sent in all (memory and device state)
 * @param dataProcessedMiB   sent so far
 * @param dataRemainingMiB   still to send
 * @param rateMiBps          the stream's current rate
 * @param dirtyRateMiBps     how fast the guest dirties memory now
 * @param downtimeMs         while running: the downtime QEMU expects; once completed: the real pause
 * @param iteration          pre-copy round
 */
record JobStats(int type, long elapsedMs, double dataTotalMiB, double dataProcessedMiB, double dataRemainingMiB,
        double rateMiBps, double dirtyRateMiBps, long downtimeMs, long iteration) {

    private static final double MIB = 1024.0 * 1024.0;

    static final JobStats NONE = new JobStats(0, -1, -1, -1, -1, -1, -1, -1, -1);

    static JobStats of(DomainJobStats stats) {
        Map<String, Double> values = new HashMap<>();
        if (stats.stats != null) {
            for (TypedParameter p : stats.stats) {
                Double value = number(p);
                if (value != null) {
                    values.put(p.field, value);
                }
            }
        }
        double pageSize = values.getOrDefault("memory_page_size", 4096.0);
        return new JobStats(stats.type,
                (long) get(values, "time_elapsed", 1),
                get(values, "data_total", MIB),
                get(values, "data_processed", MIB),
                get(values, "data_remaining", MIB),
                get(values, "memory_bps", MIB),
                values.containsKey("memory_dirty_rate") ? values.get("memory_dirty_rate") * pageSize / MIB : -1,
                (long) (double) (values.containsKey("downtime") ? values.get("downtime")
                        : values.getOrDefault("expected_downtime", -1.0)),
                (long) get(values, "memory_iteration", 1));
    }

    boolean running() {
        return type == 1 || type == 2;
    }

    /** Share of the data sent, 0 to 1; 0 when not known. */
    double fraction() {
        if (dataTotalMiB <= 0 || dataRemainingMiB < 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - dataRemainingMiB / dataTotalMiB));
    }

    private static double get(Map<String, Double> values, String field, double unit) {
        Double value = values.get(field);
        return value == null ? -1 : value / unit;
    }

    private static Double number(TypedParameter p) {
        if (p instanceof TypedUlongParameter u) {
            return u.value < 0 ? Math.pow(2, 64) + u.value : (double) u.value;
        }
        if (p instanceof TypedLongParameter l) {
            return (double) l.value;
        }
        if (p instanceof TypedIntParameter i) {
            return (double) i.value;
        }
        if (p instanceof TypedUintParameter u) {
            return (double) (u.value & 0xffffffffL);
        }
        if (p instanceof TypedDoubleParameter d) {
            return d.value;
        }
        return null;
    }
}
