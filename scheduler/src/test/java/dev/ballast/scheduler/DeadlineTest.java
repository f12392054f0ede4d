package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A plan's deadline and its shares, on a ticker the test moves by hand. */
class DeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Deadline plan = Deadline.after(Duration.ofSeconds(10), now::get);

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void aShareEndsAfterItsLengthWhenThatComesFirst() {
        pass(Duration.ofSeconds(2));
        Deadline share = plan.share(Duration.ofSeconds(3));
        assertThat(share.length()).isEqualTo(Duration.ofSeconds(3));
        pass(Duration.ofSeconds(1));
        assertThat(share.left()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.left()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aShareNeverEndsAfterThePlan() {
        pass(Duration.ofSeconds(8));
        Deadline share = plan.share(Duration.ofSeconds(5));
        assertThat(share.length()).isEqualTo(Duration.ofSeconds(2));
        assertThat(share.share(Duration.ofMinutes(1)).left()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nothingIsLeftOnceTheEndHasPassed() {
        pass(Duration.ofSeconds(12));
        assertThat(plan.left()).isZero();
        assertThat(plan.hasLeft(Duration.ofMillis(1))).isFalse();
        assertThat(plan.share(Duration.ofSeconds(1)).length()).isZero();
    }

    @Test
    void elapsedCountsFromThePlanEvenInAShare() {
        pass(Duration.ofSeconds(4));
        Deadline share = plan.share(Duration.ofSeconds(1));
        pass(Duration.ofMillis(500));
        assertThat(share.elapsed()).isEqualTo(Duration.ofMillis(4_500));
    }

    @Test
    void theEndLessWhatIsKeptIsOnTheTickersScale() {
        assertThat(plan.endNanos(Duration.ofSeconds(1))).isEqualTo(1_000 + Duration.ofSeconds(9).toNanos());
    }
}
