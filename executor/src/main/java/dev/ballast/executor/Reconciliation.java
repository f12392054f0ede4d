package dev.ballast.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.executor.RunEvent.Reconciled;
import dev.ballast.executor.RunEvent.Resolution;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Squares a plan's journal with the cluster as it really is, before a run does anything. A step
 * whose last entry is {@code done} (or a reconciled done) stays done and is not repeated. A step
 * that was started and never finished (the executor died), or that failed or was aborted, is
 * resolved live: a VM's step by where its VM runs (only on {@code to}: it moved, done; only on
 * {@code from}: it did not, it runs again; anywhere else an unfinished step cannot be resolved
 * safely and the run is refused); a power step by the host's power state (as the step wanted:
 * done; otherwise it runs again). Each resolution is a {@link Reconciled} event.
 *
 * <p>A VM's step is resolved only once no migration of its VM is under way on its source any more
 * ({@link MigrationInFlight}: an earlier run that hung rather than died leaves its migration going
 * on); one that outlives even its abort leaves the step unresolved.
 */
final class Reconciliation {

    /**
     * What the journal and the hosts say: the steps done, or why the run must not go on.
     *
     * @param notes what was found of the steps whose migration was still under way, by step
     */
    record Result(Set<Integer> done, Map<Integer, String> notes, Optional<String> refusal) {
    }

    private Reconciliation() {
    }

    static Result reconcile(List<Step> steps, List<JournalEntry> entries, Hosts hosts, MigrationInFlight inFlight,
            Clock clock, RunListener events) throws InterruptedException {
        Map<Integer, String> last = lastOutcomes(entries);
        Set<Integer> done = new TreeSet<>();
        Map<Integer, String> notes = new TreeMap<>();
        for (Map.Entry<Integer, String> entry : last.entrySet()) {
            int number = entry.getKey();
            if (number < 1 || number > steps.size()) {
                continue;
            }
            Step step = steps.get(number - 1);
            String was = entry.getValue();
            switch (was) {
                case "done", "reconciled-done" -> done.add(number);
                case "start", "failed", "aborted" -> {
                    Resolved resolved = step instanceof VmStep vmStep ? resolve(vmStep, hosts, inFlight, was)
                            : resolvePower(step, hosts);
                    events.on(new Reconciled(clock.instant(), number, step, resolved.resolution(), was,
                            resolved.where(), resolved.note()));
                    if (resolved.note() != null) {
                        notes.put(number, resolved.note());
                    }
                    if (resolved.resolution() == Resolution.DONE) {
                        done.add(number);
                    } else if (resolved.resolution() == Resolution.UNRESOLVED) {
                        return new Result(done, notes, Optional.of("step " + number + " (" + step.describe()
                                + ") was started by an earlier run that did not finish, and "
                                + (resolved.note() != null ? resolved.note() : resolved.where().toString())
                                + ": resolve it by hand, then run again"));
                    }
                }
                default -> {
                    // skipped, reconciled not-done: the step runs again, after its pre-flight
                }
            }
        }
        return new Result(done, notes, Optional.empty());
    }

    /** @param note what became of the step's migration found under way; null when none was */
    private record Resolved(Resolution resolution, Whereabouts where, String note) {
    }

    private static Resolved resolve(VmStep step, Hosts hosts, MigrationInFlight inFlight, String was)
            throws InterruptedException {
        Optional<MigrationInFlight.Settled> settled = inFlight.settle(step);
        Whereabouts where = hosts.locate(step.vm());
        Resolution resolution;
        if (settled.isPresent() && settled.get().stillUnderWay()) {
            resolution = Resolution.UNRESOLVED; // wherever the VM is now, the job may still move it
        } else if (where.onlyOn(step.to()) && where.unreachable().isEmpty()) {
            resolution = Resolution.DONE;
        } else if (step.from() != null && where.onlyOn(step.from()) && where.unreachable().isEmpty()) {
            resolution = Resolution.NOT_DONE;
        } else {
            // A failed or aborted step did not move the VM to its destination: it runs again after its pre-flight.
            resolution = was.equals("start") ? Resolution.UNRESOLVED : Resolution.NOT_DONE;
        }
        String note = settled.map(s -> s.note() + "; " + where + ": " + (resolution == Resolution.UNRESOLVED
                ? "left unresolved" : "recorded " + resolution.key().replace('-', ' '))).orElse(null);
        return new Resolved(resolution, where, note);
    }

    private static Resolved resolvePower(Step step, Hosts hosts) {
        PowerState wanted = step instanceof PowerOff ? PowerState.OFF : PowerState.ON;
        try {
            PowerState now = hosts.driver(step.host()).powerStatus();
            return new Resolved(now == wanted ? Resolution.DONE : Resolution.NOT_DONE, null, null);
        } catch (HostException e) {
            return new Resolved(Resolution.NOT_DONE, null, null); // runs again; its pre-flight asks the host afresh
        }
    }

    /** Each step's last outcome-bearing event; reconciled ones read as reconciled-done or reconciled-not-done. */
    static Map<Integer, String> lastOutcomes(List<JournalEntry> entries) {
        Map<Integer, String> last = new HashMap<>();
        for (JournalEntry entry : entries) {
            String outcome = entry.outcomeEvent();
            if (outcome != null) {
                last.put(entry.step(), outcome);
            }
        }
        return last;
    }

    /** {@link #lastOutcomes} of a journal's lines as read. */
    static Map<Integer, String> lastEvents(List<JsonNode> lines) {
        return lastOutcomes(lines.stream().map(JournalEntry::of).toList());
    }
}
