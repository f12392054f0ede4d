package dev.ballast.executor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one {@code apply} run: how it ended, and every step of the plan with what became
 * of it and its measured time and downtime against the estimate. Printed for the operator and
 * written as JSON next to the journal.
 *
 * @param outcome    how the run ended
 * @param reason     why it stopped or was refused; null when it completed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "plan", "journal", "startedAt", "finishedAt", "outcome", "reason", "done",
    "doneEarlier", "skipped", "failed", "notRun", "steps"})
public record RunReport(String plan, String journal, String startedAt, String finishedAt, Outcome outcome,
        String reason, List<StepResult> steps) {

    /** How a run ended. */
    public enum Outcome {
        /** every step was run or skipped; none failed, but for power-offs (a host that could not be switched off stays on) */
        COMPLETED,
        /** a migration failed or was aborted: the plan stopped there */
        STOPPED,
        /** nothing was run: the plan does not hold on the cluster as it is, or the journal could not be reconciled */
        REFUSED,
        /** nothing was run: the operator said no */
        DECLINED,
        /** nothing was run: --dry-run */
        DRY_RUN;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public String getApiVersion() {
        return "ballast/v1";
    }

    public String getKind() {
        return "RunReport";
    }

    public long getDone() {
        return count(StepResult.Status.DONE);
    }

    public long getDoneEarlier() {
        return count(StepResult.Status.DONE_EARLIER);
    }

    public long getSkipped() {
        return count(StepResult.Status.SKIPPED);
    }

    public long getFailed() {
        return count(StepResult.Status.FAILED) + count(StepResult.Status.ABORTED);
    }

    public long getNotRun() {
        return count(StepResult.Status.NOT_RUN);
    }

    private long count(StepResult.Status status) {
        return steps.stream().filter(s -> s.status() == status).count();
    }

    /** The steps as JSON-ready values; exposed for tests and callers that read figures. */
    public List<StepResult> steps() {
        return steps;
    }

    public String toJson() {
        try {
            return Journal.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run report: " + e.getMessage(), e);
        }
    }

    /** Writes the JSON through a temporary file moved into place. */
    public void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report for a person: a line per step, then the totals. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-4s %-16s %-24s %-12s %9s %9s %9s %9s %8s  %s%n", "STEP", "VM", "MOVE", "STATUS",
                "ESTIMATE", "MEASURED", "LIBVIRT", "DOWNTIME", "ERROR", "REASON");
        for (StepResult s : steps) {
            out.printf(Locale.ROOT, "%-4d %-16s %-24s %-12s %9s %9s %9s %9s %8s  %s%n", s.step(),
                    s.vm() == null ? "-" : s.vm(), s.host() != null ? s.describe() : s.from() + " -> " + s.to(),
                    s.status().key(), seconds(s.estimatedSeconds()),
                    seconds(s.wallSeconds()), seconds(s.libvirtSeconds()),
                    s.downtimeMs() == null ? "-" : s.downtimeMs() + "ms",
                    s.errorPercent() == null ? "-" : String.format(Locale.ROOT, "%+.0f%%", s.errorPercent()),
                    s.reason() == null ? "" : s.reason());
        }
        out.printf(Locale.ROOT, "%s: %d done, %d done earlier, %d skipped, %d failed, %d not run%s%n",
                outcome.key().toUpperCase(Locale.ROOT), getDone(), getDoneEarlier(), getSkipped(), getFailed(),
                getNotRun(), reason == null ? "" : ": " + reason);
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1fs", value);
    }

    /** Where the report of a journal goes: {@code X.journal.jsonl} gives {@code X.report.json}. */
    public static Path pathFor(Path journal) {
        String name = journal.getFileName().toString();
        for (String suffix : List.of(".jsonl", ".json", ".journal")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return journal.resolveSibling(name + ".report.json");
    }
}
