package dev.ballast.cli;

import dev.ballast.scheduler.SearchProgress;
import dev.ballast.whatif.WhatIfProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line on stderr, rewritten in place twice a second while a long run works: what it is doing,
 * the time spent against the search's limit, the best score so far, the hosts that placement uses
 * and its moves; for {@code fail: any}, the hosts done of all. Quiet ({@link #QUIET}) when stderr
 * is not a terminal, so logs and pipes get no carriage returns. The line is cleared when closed.
 */
class TerminalProgress implements WhatIfProgress, AutoCloseable {

    /** Writes nothing. */
    static final TerminalProgress QUIET = new TerminalProgress(null, "", Clock.systemUTC());

    private static final long TICK_MILLIS = 500;

    private final PrintWriter err;
    private final Clock clock;
    private final Instant started;
    private volatile String task;
    private volatile SearchProgress best;
    private volatile String hosts;
    private volatile ScheduledExecutorService ticker;
    private int lastWidth;

    TerminalProgress(PrintWriter err, String task, Clock clock) {
        this.err = err;
        this.task = task;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** True when a progress line is to be shown: as {@code --progress} says, else when there is a terminal. */
    static boolean wanted(Boolean option, boolean terminal) {
        return option != null ? option : terminal;
    }

    /** A line ticking on {@code err}, or {@link #QUIET}. */
    static TerminalProgress start(boolean wanted, PrintWriter err, String task, Clock clock) {
        if (!wanted) {
            return QUIET;
        }
        TerminalProgress progress = new TerminalProgress(err, task, clock);
        progress.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.ticker.scheduleAtFixedRate(progress::draw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** Hears the planner's searches. */
    @Override
    public void search(SearchProgress progress) {
        best = progress;
    }

    @Override
    public void caseStarted(String name, int index, int cases) {
        task = "case " + index + " of " + cases + ": " + name;
        best = null;
        hosts = null;
    }

    @Override
    public void hostsDone(int done, int total) {
        hosts = "hosts " + done + " of " + total;
    }

    /**
     * The line as it reads now, e.g. {@code plan  12s of 30s  best 0hard/-3506soft  hosts used 33
     * moves 41}.
     */
    static String line(String task, Duration elapsed, SearchProgress best, String hosts) {
        StringBuilder line = new StringBuilder(task);
        if (hosts != null) {
            line.append("  ").append(hosts);
        }
        line.append("  ").append(seconds(elapsed));
        if (best != null) {
            line.append(" (search ").append(seconds(best.elapsed())).append(" of ").append(seconds(best.limit()))
                    .append(")  best ").append(best.bestScore()).append("  hosts used ").append(best.hostsUsed())
                    .append("  moves ").append(best.moves());
        }
        return line.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.0fs", duration.toMillis() / 1000.0);
    }

    private synchronized void draw() {
        if (err == null) {
            return;
        }
        String text = line(task, Duration.between(started, clock.instant()), best, hosts);
        err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
        err.flush();
        lastWidth = text.length();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (err != null && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
