package dev.ballast.hosts;

/**
 * One reading of a VM's migration job, in the units people read: MiB, MiB/s, milliseconds.
 * Figures the host did not report are negative.
 *
 * @param job              what the job is doing
 * @param elapsedMs        time since the job started
 * @param dataTotalMiB     what must be sent in all (memory and device state)
 * @param dataProcessedMiB sent so far
 * @param dataRemainingMiB still to send
 * @param rateMiBps        the stream's current rate
 * @param dirtyRateMiBps   how fast the guest dirties memory now
 * @param downtimeMs       while running: the downtime expected; once completed: the real pause
 * @param iteration        pre-copy round (memory iteration)
 */
public record MigrationProgress(Job job, long elapsedMs, double dataTotalMiB, double dataProcessedMiB,
        double dataRemainingMiB, double rateMiBps, double dirtyRateMiBps, long downtimeMs, long iteration) {

    /** No job: nothing is known. */
    public static final MigrationProgress NONE = new MigrationProgress(Job.NONE, -1, -1, -1, -1, -1, -1, -1, -1);

    /** The state of a job (libvirt's virDomainJobType: bounded and unbounded both read as running). */
    public enum Job {
        NONE,
        RUNNING,
        COMPLETED,
        FAILED,
        CANCELLED
    }

    public boolean running() {
        return job == Job.RUNNING;
    }

    /**
     * True when the VM has a job at all, as of {@link HostDriver#jobStatistics}: libvirt keeps a
     * migration's job on its source from the start until the client that started it confirms its
     * end, so a job that says completed (the data sent, the guest paused) is not over yet either.
     */
    public boolean underWay() {
        return job != Job.NONE;
    }

    /** Share of the data sent, 0 to 1; 0 when not known. */
    public double fraction() {
        if (dataTotalMiB <= 0 || dataRemainingMiB < 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - dataRemainingMiB / dataTotalMiB));
    }
}
