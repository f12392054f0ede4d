package dev.ballast.executor;

import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.Migration;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a running migration: a progress bar redrawn on the terminal (when there is one), a log
 * line and a journal entry every few seconds (data remaining, rate, dirty rate, expected
 * downtime).
 */
final class ProgressReporter implements LiveMigration.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
    private static final int BAR_WIDTH = 30;

    private final int stepNumber;
    private final Migration step;
    private final Journal journal;
    private final PrintWriter terminal;
    private Duration lastSample = Duration.ofSeconds(-10);
    private boolean drawn;

    /** @param terminal where to draw the bar; null for none (no terminal) */
    ProgressReporter(int stepNumber, Migration step, Journal journal, PrintWriter terminal) {
        this.stepNumber = stepNumber;
        this.step = step;
        this.journal = journal;
        this.terminal = terminal;
    }

    @Override
    public void progress(MigrationProgress stats, Duration elapsed) {
        if (terminal != null) {
            terminal.print("\r" + bar(stats, elapsed));
            terminal.flush();
            drawn = true;
        }
        if (elapsed.minus(lastSample).compareTo(SAMPLE_EVERY) >= 0) {
            lastSample = elapsed;
            LOG.info("step {} {}: {}", stepNumber, step.vm(), figures(stats, elapsed));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("step", stepNumber);
            fields.put("vm", step.vm());
            fields.put("elapsedMs", stats.elapsedMs());
            fields.put("dataTotalMiB", round(stats.dataTotalMiB()));
            fields.put("dataRemainingMiB", round(stats.dataRemainingMiB()));
            fields.put("rateMiBps", round(stats.rateMiBps()));
            fields.put("dirtyRateMiBps", round(stats.dirtyRateMiBps()));
            fields.put("expectedDowntimeMs", stats.downtimeMs());
            fields.put("iteration", stats.iteration());
            journal.append("progress", fields);
        }
    }

    @Override
    public void event(String what) {
        endBar();
        LOG.warn("step {} {}: {}", stepNumber, step.vm(), what);
        journal.append("note", Map.of("step", stepNumber, "vm", step.vm(), "note", what));
    }

    /** Ends the bar's line, so what follows starts on a line of its own. */
    void endBar() {
        if (terminal != null && drawn) {
            terminal.println();
            terminal.flush();
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

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
