package dev.ballast.service.jobs;

import dev.ballast.service.lifecycle.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What becomes of a scheduled fire the service missed (it was down at 22:00): the job fires once
 * when the service starts, however many fires it missed, if its window is still open (a job
 * without a window: always); once its window has closed it is skipped, since its plan could not
 * run before the window ends anyway, and the job fires next at its next time.
 */
public final class MissedFire {

    /** A fire later than this is missed; Quartz's own misfire threshold, so the two agree. */
    public static final Duration GRACE = Duration.ofMinutes(1);

    private MissedFire() {
    }

    /**
     * @param missed the last scheduled fire time that passed while the service was down
     * @param until  the job's window, or null
     * @return why the job fires now, or empty when it is skipped
     */
    public static Optional<String> decide(Instant missed, Instant now, LocalTime until, ZoneId zone) {
        if (until == null) {
            return Optional.of("missed its fire at " + missed + " while the service was down: fires once now");
        }
        Instant closes = Window.closes(missed, until, zone);
        if (now.isBefore(closes)) {
            return Optional.of("missed its fire at " + missed + " while the service was down; its window is open until "
                    + closes + ": fires once now");
        }
        return Optional.empty();
    }
}
