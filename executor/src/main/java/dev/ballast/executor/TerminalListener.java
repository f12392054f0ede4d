package dev.ballast.executor;

import dev.ballast.hosts.MigrationProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ballast apply} shows of a run: a line per step on {@code err} as it starts and
 * ends, a progress bar redrawn while a migration runs (when there is a terminal), a log line
 * every few seconds, and the run report on {@code out} at the end.
 */
public final class TerminalListener implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalListener.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(2);
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean showProgress;
    private final Map<Integer, Duration> lastLogged = new HashMap<>();
    private int steps;
    private boolean drawn;

    /** @param showProgress draw a progress bar on {@code err} (only on a terminal) */
    public TerminalListener(PrintWriter out, PrintWriter err, boolean showProgress) {
        this.out = out;
        this.err = err;
        this.showProgress = showProgress;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            steps = started.steps();
        } else if (event instanceof RunEvent.StepStarted started) {
            line("step " + started.number() + "/" + steps + ": " + started.step().describe());
        } else if (event instanceof RunEvent.Progress progress) {
            progress(progress);
        } else if (event instanceof RunEvent.Note note) {
            endBar();
            LOG.warn("step {} {}: {}", note.number(), note.step().describe(), note.note());
        } else if (event instanceof RunEvent.StepDone done) {
            Double wall = done.measured() == null ? null : done.measured().wallSeconds();
            line("step " + done.number() + ": done" + (wall == null ? "" : String.format(Locale.ROOT, " in %.1fs", wall)));
        } else if (event instanceof RunEvent.StepFailed failed) {
            line("step " + failed.number() + ": failed: " + failed.reason());
        } else if (event instanceof RunEvent.StepAborted aborted) {
            line("step " + aborted.number() + ": aborted: " + aborted.reason());
        } else if (event instanceof RunEvent.StepSkipped skipped) {
            line("step " + skipped.number() + ": skipped: " + skipped.reason());
        } else if (event instanceof RunEvent.Reconciled reconciled) {
            line("step " + reconciled.number() + ": left unfinished by an earlier run, "
                    + reconciled.resolution().key() + (reconciled.note() != null ? ": " + reconciled.note()
                            : reconciled.where() == null ? "" : ": " + reconciled.where()));
        } else if (event instanceof RunEvent.RunFinished finished) {
            finished(finished);
        }
    }

    private void finished(RunEvent.RunFinished finished) {
        endBar();
        RunReport report = finished.report();
        if (report.outcome() == RunReport.Outcome.DRY_RUN) {
            List<StepResult> toRun = report.steps().stream().filter(s -> s.status() == StepResult.Status.NOT_RUN)
                    .toList();
            out.println("would run " + toRun.size() + " of " + report.steps().size() + " steps, one at a time:");
            toRun.forEach(s -> out.println("  step " + s.step() + " (" + s.describe() + ")"));
        }
        report.print(out);
        out.flush();
        if (finished.reportFile() != null) {
            line("run report: " + finished.reportFile() + ", journal: " + report.journal());
        } else if (finished.reportProblem() != null) {
            line(finished.reportProblem());
        }
    }

    private void progress(RunEvent.Progress progress) {
        if (showProgress) {
            err.print("\r" + bar(progress.stats(), progress.elapsed()));
            err.flush();
            drawn = true;
        }
        Duration last = lastLogged.get(progress.number());
        if (last == null || progress.elapsed().minus(last).compareTo(LOG_EVERY) >= 0) {
            lastLogged.put(progress.number(), progress.elapsed());
            LOG.info("step {} {}: {}", progress.number(), progress.step().describe(),
                    figures(progress.stats(), progress.elapsed()));
        }
    }

    private void line(String text) {
        endBar();
        err.println(text);
        err.flush();
    }

    /** Ends the bar's line, so what follows starts on a line of its own. */
    private void endBar() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    static String bar(MigrationProgress stats, Duration elapsed) {
        int filled = (int) Math.round(stats.fraction() * BAR_WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%% %s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                stats.fraction() * 100, figures(stats, elapsed));
    }

    static String figures(MigrationProgress stats, Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f of %.1f MiB left, %.1f MiB/s, dirtying %.1f MiB/s, downtime ~%d ms, %.1fs",
                Math.max(0, stats.dataRemainingMiB()), Math.max(0, stats.dataTotalMiB()), Math.max(0, stats.rateMiBps()),
                Math.max(0, stats.dirtyRateMiBps()), Math.max(0, stats.downtimeMs()), elapsed.toMillis() / 1000.0);
    }
}
