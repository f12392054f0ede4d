package dev.ballast.service.lifecycle;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A job's window, {@code window: {until: "06:00"}}: it closes at the first {@code until} (in the
 * service's time zone) after the job fired, so a nightly job fired at 22:00 has until 06:00 the
 * next morning, and one fired at 01:00 until 06:00 the same morning.
 */
public final class Window {

    private Window() {
    }

    /** When the window of a job that fired at {@code fired} closes. */
    public static Instant closes(Instant fired, LocalTime until, ZoneId zone) {
        ZonedDateTime local = fired.atZone(zone);
        ZonedDateTime close = local.with(until);
        if (!close.toInstant().isAfter(fired)) {
            close = local.plusDays(1).with(until);
        }
        return close.toInstant();
    }
}
