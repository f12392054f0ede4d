package dev.ballast.service.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the web page writes what the reports' {@code Text} does not: times. */
public final class WebText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private WebText() {
    }

    /** {@code 2026-11-24 22:00:03 UTC}; an empty string for none. */
    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
