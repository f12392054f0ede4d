package dev.ballast.executor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What became of one step of the plan in a run, with its measured figures next to the plan's
 * estimate.
 *
 * @param step              counted from 1 in the plan
 * @param action            the step's action when not a migration ({@code start}, {@code power-off},
 *                          {@code power-on}); null for a migration
 * @param host              the host a power step switches; null for a VM's step
 * @param estimateSource    {@code plan} when the plan carried the estimate, {@code model} when the
 *                          executor worked it out with the standard pre-copy model, null for none
 * @param wallSeconds       the whole migration as the executor saw it: its connections, the libvirt call,
 *                          the completed job's statistics
 * @param callSeconds       the virDomainMigrate3 call alone (libvirt's begin, prepare, perform, finish, confirm)
 * @param libvirtSeconds    the job's time elapsed as libvirt reports it for the completed migration
 * @param downtimeMs        the guest's real pause, as libvirt reports it
 * @param dataMiB           what the migration sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"step", "action", "host", "vm", "from", "to", "status", "reason", "estimatedSeconds", "estimatedDowntimeMs",
    "estimateSource", "wallSeconds", "callSeconds", "libvirtSeconds", "overheadSeconds", "downtimeMs", "dataMiB", "errorPercent"})
public record StepResult(int step, String action, String host, String vm, String from, String to, Status status,
        String reason, Double estimatedSeconds, Double estimatedDowntimeMs, String estimateSource,
        Double wallSeconds, Double callSeconds, Double libvirtSeconds, Long downtimeMs, Double dataMiB) {

    /** What became of a step. */
    public enum Status {
        /** migrated in this run and verified on its destination */
        DONE,
        /** done by an earlier run of the same plan (journal), not repeated */
        DONE_EARLIER,
        /** not run: a pre-flight check failed, or a step it depended on was skipped */
        SKIPPED,
        /** the migration failed, the VM is where the reason says; or the host was not switched (power steps) */
        FAILED,
        /** the migration was aborted (time limit, destination lost); the VM stayed on its source */
        ABORTED,
        /** not reached: the plan stopped before it */
        NOT_RUN;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public String toString() {
            return key();
        }
    }

    StepResult with(Status newStatus, String newReason) {
        return new StepResult(step, action, host, vm, from, to, newStatus, newReason, estimatedSeconds,
                estimatedDowntimeMs, estimateSource, wallSeconds, callSeconds, libvirtSeconds, downtimeMs, dataMiB);
    }

    StepResult measured(Double wall, Double call, Double libvirt, Long downtime, Double data) {
        return new StepResult(step, action, host, vm, from, to, status, reason, estimatedSeconds,
                estimatedDowntimeMs, estimateSource, wall, call, libvirt, downtime, data);
    }

    /** The step in a few words: {@code vm-01 host-01 -> host-02}, {@code power off host-03}. */
    public String describe() {
        if (host != null) {
            return action.replace('-', ' ') + " " + host;
        }
        return vm + " " + (from == null ? "(new)" : from) + " -> " + to;
    }

    /** The executor's own time beyond libvirt's: the wall time less the job's time elapsed. */
    @JsonProperty
    public Double overheadSeconds() {
        return wallSeconds == null || libvirtSeconds == null ? null : round(wallSeconds - libvirtSeconds);
    }

    /** How far the estimate was off the measured wall time, in percent of the measured time. */
    @JsonProperty
    public Double errorPercent() {
        return wallSeconds == null || estimatedSeconds == null || wallSeconds <= 0 ? null
                : round((estimatedSeconds - wallSeconds) / wallSeconds * 100);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
