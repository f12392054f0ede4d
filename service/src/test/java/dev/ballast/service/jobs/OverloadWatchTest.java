package dev.ballast.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ServiceConfig.Overload;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overload trigger, fed a snapshot every 30 s: hold 5 min, clear 5 % under, cooldown 30 min. */
class OverloadWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration ROUND = Duration.ofSeconds(30);
    private static final Map<String, Double> HOT = Map.of("h1", 0.08, "h2", -0.20);
    /** h1 under its limit, but by less than clearBelow: hovering. */
    private static final Map<String, Double> HOVERING = Map.of("h1", -0.02, "h2", -0.20);
    private static final Map<String, Double> COOL = Map.of("h1", -0.10, "h2", -0.20);

    private final OverloadWatch watch = new OverloadWatch(new Overload(Duration.ofMinutes(5), 0.05),
            Duration.ofMinutes(30));
    private Instant now = T0;
    private int fired;

    /** Feeds {@code excess} every round for {@code span}; counts the firings. */
    private void feed(Map<String, Double> excess, Duration span) {
        Instant end = now.plus(span);
        while (now.isBefore(end)) {
            if (watch.observe(now, excess).isPresent()) {
                fired++;
            }
            now = now.plus(ROUND);
        }
    }

    @Test
    void firesOnceAfterTheHoldTimeAndNotBefore() {
        feed(HOT, Duration.ofMinutes(5)); // rounds at 0 s .. 4 min 30 s: held for less than 5 min
        assertThat(fired).isZero();

        feed(HOT, ROUND); // 5 min
        assertThat(fired).isEqualTo(1);
    }

    @Test
    void saysWhichHostAndSinceWhen() {
        feed(HOT, Duration.ofMinutes(5));
        assertThat(watch.observe(now, HOT)).contains("host h1 over its limits (by 8.0% of its capacity) since "
                + T0 + ", for PT5M or more");
    }

    @Test
    void doesNotFireAgainWhileTheHostStaysHot() {
        feed(HOT, Duration.ofHours(2)); // well past the cooldown too
        assertThat(fired).isEqualTo(1);
    }

    @Test
    void aHostHoveringAtItsLimitDoesNotReArmIt() {
        feed(HOT, Duration.ofMinutes(6));
        feed(HOVERING, Duration.ofMinutes(10));
        feed(HOT, Duration.ofHours(1));
        assertThat(fired).isEqualTo(1);
    }

    @Test
    void reArmsOnceEveryHostIsClearBelowItsLimitsAndFiresAfterANewHold() {
        feed(HOT, Duration.ofMinutes(6));
        feed(COOL, Duration.ofMinutes(30)); // past the cooldown: only the re-arming is tested
        feed(HOT, Duration.ofMinutes(5));
        assertThat(fired).as("a new hold has to pass").isEqualTo(1);

        feed(HOT, ROUND);
        assertThat(fired).isEqualTo(2);
    }

    @Test
    void respectsTheCooldownThenFiresWhenItEnds() {
        feed(HOT, Duration.ofMinutes(6)); // rounds 0 .. 5 min 30 s: fires at 5 min
        feed(COOL, ROUND); // 6 min: re-armed
        feed(HOT, Duration.ofMinutes(15)); // 6 min 30 s .. 21 min: held 5 min again, but within the cooldown
        assertThat(fired).isEqualTo(1);

        feed(HOT, Duration.ofMinutes(13).plusSeconds(30)); // 21 min 30 s .. 34 min 30 s: the cooldown ends at 35 min
        assertThat(fired).isEqualTo(1);
        feed(HOT, ROUND); // 35 min
        assertThat(fired).isEqualTo(2);
    }

    @Test
    void aBreakInTheHeatRestartsTheHold() {
        feed(HOT, Duration.ofMinutes(4));
        feed(HOVERING, ROUND);
        feed(HOT, Duration.ofMinutes(5));
        assertThat(fired).isZero();
    }
}
