package dev.ballast.scheduler;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The end of one plan call's time limit, shared by every search the call makes: the first, each
 * one with standby hosts woken, the repairs and the retarget. A search asks for a share of what
 * is left ({@link #share}), and a share never ends after the plan's own end, so the searches
 * together keep the limit, bar the solver's own termination slack (it looks at the time between
 * steps). Read on a monotonic ticker in {@link System#nanoTime()} terms, injected for tests.
 */
final class Deadline {

    private final LongSupplier ticker;
    private final long planStart;
    private final long start;
    private final long end;

    private Deadline(LongSupplier ticker, long planStart, long start, long end) {
        this.ticker = ticker;
        this.planStart = planStart;
        this.start = start;
        this.end = end;
    }

    /** The plan's deadline: {@code limit} from now. */
    static Deadline after(Duration limit, LongSupplier ticker) {
        long now = ticker.getAsLong();
        return new Deadline(ticker, now, now, now + limit.toNanos());
    }

    /** A part of this deadline: {@code length} from now, or this one's end if that comes first. */
    Deadline share(Duration length) {
        long now = ticker.getAsLong();
        long shareEnd = now + Math.max(0, length.toNanos());
        return new Deadline(ticker, planStart, now, shareEnd - end < 0 ? shareEnd : end);
    }

    /** From the start of this share (or plan) to its end. */
    Duration length() {
        return Duration.ofNanos(Math.max(0, end - start));
    }

    /** What is left until the end; zero once it has passed. */
    Duration left() {
        return Duration.ofNanos(Math.max(0, end - ticker.getAsLong()));
    }

    /** True while at least {@code needed} is left. */
    boolean hasLeft(Duration needed) {
        return left().compareTo(needed) >= 0;
    }

    /** Time since the plan was asked for. */
    Duration elapsed() {
        return Duration.ofNanos(ticker.getAsLong() - planStart);
    }

    /** The end less {@code kept}, in {@link System#nanoTime()} terms. */
    long endNanos(Duration kept) {
        return end - kept.toNanos();
    }
}
