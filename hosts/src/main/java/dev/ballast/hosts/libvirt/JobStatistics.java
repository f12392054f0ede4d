package dev.ballast.hosts.libvirt;

import dev.ballast.hosts.MigrationProgress;
import java.util.HashMap;
import java.util.Map;
import org.libvirt.DomainJobStats;
import org.libvirt.TypedDoubleParameter;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUintParameter;
import org.libvirt.TypedUlongParameter;

/** Turns libvirt's job statistics (virDomainGetJobStats' typed parameters) into a {@link MigrationProgress}. */
final class JobStatistics {

    private static final double MIB = 1024.0 * 1024.0;

    private JobStatistics() {
    }

    static MigrationProgress of(DomainJobStats stats) {
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
        return new MigrationProgress(job(stats.type),
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

    /** virDomainJobType: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled. */
    static MigrationProgress.Job job(int type) {
        return switch (type) {
            case 1, 2 -> MigrationProgress.Job.RUNNING;
            case 3 -> MigrationProgress.Job.COMPLETED;
            case 4 -> MigrationProgress.Job.FAILED;
            case 5 -> MigrationProgress.Job.CANCELLED;
            default -> MigrationProgress.Job.NONE;
        };
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
