package dev.ballast.collector;

import dev.ballast.model.Staleness;
import java.time.Duration;
import java.time.Instant;

/** When one source last answered for one host, and why it did not since. Guarded by its HostTracker. */
final class SourceHealth {

    private final String source;
    private Instant lastAnswer;
    /** When earlier answers stopped counting (the host was switched off); null if they never did. */
    private Instant forgottenAt;
    private String error;

    SourceHealth(String source) {
        this.source = source;
    }

    void answered(Instant at) {
        lastAnswer = at;
        error = null;
    }

    void failed(String reason) {
        error = reason;
    }

    /** Answers before {@code at} no longer count: silent since then, unless it answers again. */
    void forget(Instant at) {
        lastAnswer = null;
        forgottenAt = at;
    }

    String error() {
        return error;
    }

    /** Null while the newest answer is at most {@code staleAfter} old; otherwise since when and why. */
    Staleness staleness(Instant now, Duration staleAfter, Instant startedAt) {
        if (lastAnswer != null && !lastAnswer.plus(staleAfter).isBefore(now)) {
            return null;
        }
        String why = error != null ? error
                : lastAnswer == null ? source + " has not answered yet" : source + " has not answered since";
        return new Staleness(lastAnswer != null ? lastAnswer : forgottenAt != null ? forgottenAt : startedAt, why);
    }
}
