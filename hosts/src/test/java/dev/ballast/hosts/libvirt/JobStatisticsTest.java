package dev.ballast.hosts.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.MigrationProgress;
import org.junit.jupiter.api.Test;
import org.libvirt.DomainJobStats;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUlongParameter;

/** libvirt's job statistics in the units people read. */
class JobStatisticsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aRunningMigrationInMibMsAndPages() {
        MigrationProgress progress = JobStatistics.of(new DomainJobStats(2, new TypedParameter[] {
            new TypedUlongParameter("time_elapsed", 1500),
            new TypedUlongParameter("data_total", 64 * MIB),
            new TypedUlongParameter("data_processed", 48 * MIB),
            new TypedUlongParameter("data_remaining", 16 * MIB),
            new TypedUlongParameter("memory_bps", 100 * MIB),
            new TypedUlongParameter("memory_dirty_rate", 512), // pages/s of 4 KiB: 2 MiB/s
            new TypedUlongParameter("expected_downtime", 30),
            new TypedUlongParameter("memory_iteration", 3)}));

        assertThat(progress).isEqualTo(new MigrationProgress(MigrationProgress.Job.RUNNING, 1500, 64, 48, 16, 100, 2,
                30, 3));
        assertThat(progress.running()).isTrue();
        assertThat(progress.fraction()).isEqualTo(0.75);
    }

    @Test
    void aCompletedJobGivesItsRealDowntimeAndWhatItDidNotReportIsNegative() {
        MigrationProgress done = JobStatistics.of(new DomainJobStats(3, new TypedParameter[] {
            new TypedUlongParameter("downtime", 41), new TypedUlongParameter("expected_downtime", 300)}));

        assertThat(done.job()).isEqualTo(MigrationProgress.Job.COMPLETED);
        assertThat(done.downtimeMs()).isEqualTo(41);
        assertThat(done.dataTotalMiB()).isNegative();
        assertThat(done.fraction()).isZero();
        assertThat(JobStatistics.of(new DomainJobStats(0, null)).job()).isEqualTo(MigrationProgress.Job.NONE);
    }
}
