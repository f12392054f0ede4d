package dev.ballast.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.model.VmStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.Set;

/**
 * Squares a plan's journal with where the VMs really are, before a run does anything. A step
 * whose last entry is {@code done} (or a reconciled done) stays done and is not repeated. A step
 * that was started and never finished (the executor died), or that failed or was aborted, is
 * resolved by looking where its VM runs: only on {@code to} means it moved, recorded as done;
 * only on {@code from} means it did not, recorded as not done (the step runs again). Anywhere
 * else, an unfinished step cannot be resolved safely and the run is refused.
 */
final class Reconciliation {

    /** What the journal and the hosts say: the steps done, or why the run must not go on. */
    record Result(Set<Integer> done, Optional<String> refusal) {
    }

    private Reconciliation() {
    }

    static Result reconcile(List<VmStep> steps, Journal journal, Hosts hosts) {
        Map<Integer, String> last = lastEvents(journal.entries());
        Set<Integer> done = new TreeSet<>();
        for (Map.Entry<Integer, String> entry : last.entrySet()) {
            int number = entry.getKey();
            if (number < 1 || number > steps.size()) {
                continue;
            }
            VmStep step = steps.get(number - 1);
            switch (entry.getValue()) {
                case "done", "reconciled-done" -> done.add(number);
                case "start", "failed", "aborted" -> {
                    Hosts.Whereabouts where = hosts.locate(step.vm());
                    String was = entry.getValue();
                    if (where.onlyOn(step.to()) && where.unreachable().isEmpty()) {
                        journal.append("reconciled", fields(number, step, "done", where, was));
                        done.add(number);
                    } else if (where.onlyOn(step.from()) && where.unreachable().isEmpty()) {
                        journal.append("reconciled", fields(number, step, "not-done", where, was));
                    } else if (was.equals("start")) {
                        String reason = "step " + number + " (" + step.vm() + " " + step.from() + " -> " + step.to()
                                + ") was started by an earlier run that did not finish, and " + where
                                + ": resolve it by hand, then run again";
                        journal.append("unresolved", fields(number, step, null, where, was));
                        return new Result(done, Optional.of(reason));
                    } else {
                        journal.append("reconciled", fields(number, step, "not-done", where, was));
                    }
                }
                default -> {
                    // skipped, reconciled not-done: the step runs again, after its pre-flight
                }
            }
        }
        return new Result(done, Optional.empty());
    }

    /** Each step's last outcome-bearing event; reconciled ones read as reconciled-done or reconciled-not-done. */
    static Map<Integer, String> lastEvents(List<JsonNode> entries) {
        Map<Integer, String> last = new HashMap<>();
        for (JsonNode entry : entries) {
            if (!entry.has("step")) {
                continue;
            }
            String event = entry.path("event").asText();
            int step = entry.path("step").asInt();
            switch (event) {
                case "start", "done", "failed", "aborted", "skipped" -> last.put(step, event);
                case "reconciled" -> last.put(step, "reconciled-" + entry.path("outcome").asText());
                default -> {
                    // progress and notes say nothing of the outcome
                }
            }
        }
        return last;
    }

    private static Map<String, Object> fields(int number, VmStep step, String outcome, Hosts.Whereabouts where,
            String was) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("step", number);
        fields.put("vm", step.vm());
        fields.put("from", step.from());
        fields.put("to", step.to());
        fields.put("outcome", outcome);
        fields.put("journaledAs", was);
        fields.put("runningOn", where.running());
        fields.put("unreachable", where.unreachable().isEmpty() ? null : where.unreachable());
        return fields;
    }
}
