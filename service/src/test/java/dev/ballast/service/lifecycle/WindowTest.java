package dev.ballast.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** window: {until: "06:00"} in Paris (UTC+1 in November). */
class WindowTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalTime SIX = LocalTime.of(6, 0);

    @Test
    void aJobFiredInTheEveningHasUntilSixTheNextMorning() {
        assertThat(Window.closes(Instant.parse("2026-11-24T21:00:00Z"), SIX, PARIS))
                .isEqualTo(Instant.parse("2026-11-25T05:00:00Z"));
    }

    @Test
    void aJobFiredAfterMidnightHasUntilSixTheSameMorning() {
        assertThat(Window.closes(Instant.parse("2026-11-25T00:00:00Z"), SIX, PARIS))
                .isEqualTo(Instant.parse("2026-11-25T05:00:00Z"));
    }

    @Test
    void aJobFiredAtSixHasAWholeDay() {
        assertThat(Window.closes(Instant.parse("2026-11-25T05:00:00Z"), SIX, PARIS))
                .isEqualTo(Instant.parse("2026-11-26T05:00:00Z"));
    }
}
