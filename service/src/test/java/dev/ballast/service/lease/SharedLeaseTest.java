package dev.ballast.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ServiceConfig;
import dev.ballast.service.MutableClock;
import dev.ballast.service.metrics.ServiceMetrics;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.LeaseTable;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.TestStores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lease on a real PostgreSQL store, two holders on one clock: who takes it, how long it
 * lasts, what a take-over does to the token, and what the loser's fencing check says.
 */
class SharedLeaseTest {

    private static final ServiceConfig.Lease LEASE = new ServiceConfig.Lease(Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    @TempDir
    Path dataDir;
    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T22:00:00Z"));
    private ServiceMetrics metricsA;
    private SharedLease a;
    private SharedLease b;

    @BeforeEach
    void open() {
        db = TestStores.POSTGRESQL.fresh(dataDir).open();
        PlanStore store = new PlanStore(db.dataSource(), clock);
        metricsA = new ServiceMetrics(Optional::empty, store);
        a = new SharedLease(new LeaseTable(db.dataSource()), "a", LEASE, clock, metricsA);
        b = new SharedLease(new LeaseTable(db.dataSource()), "b", LEASE, clock, new ServiceMetrics(Optional::empty,
                store));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theFirstToAskTakesItTheOtherIsToldWhoHoldsItUntilWhen() {
        RunLease.Standing first = a.refresh();
        RunLease.Standing second = b.refresh();

        assertThat(first).isEqualTo(new RunLease.Standing(true, 1, true, "this service holds the run lease (token 1)"));
        assertThat(second.held()).isFalse();
        assertThat(second.why()).isEqualTo("service a holds the run lease (token 1) until 2026-11-24T22:00:30Z;"
                + " this one serves reads and runs no plan");
    }

    @Test
    void renewedWithinItsDurationItStaysWithItsHolderUnderTheSameToken() {
        a.refresh();
        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.renewEvery());
            assertThat(a.refresh()).extracting(RunLease.Standing::held, RunLease.Standing::token,
                    RunLease.Standing::tookOver).containsExactly(true, 1L, false);
            assertThat(b.refresh().held()).isFalse();
        }
        assertThat(a.lost(1)).isEmpty();
    }

    @Test
    void onceItLapsesTheOtherTakesItOverWithTheNextTokenAndTheFormerHoldersCheckSaysSo() throws Exception {
        a.refresh();
        clock.advance(LEASE.duration().minusSeconds(1));
        assertThat(b.refresh().held()).as("not yet lapsed").isFalse();
        clock.advance(Duration.ofSeconds(1));

        RunLease.Standing taken = b.refresh();

        assertThat(taken).extracting(RunLease.Standing::held, RunLease.Standing::token, RunLease.Standing::tookOver)
                .containsExactly(true, 2L, true);
        assertThat(a.lost(1)).get().asString().isEqualTo("the run lease (token 1) lapsed or another service took it"
                + " over");
        assertThat(a.refresh().why()).startsWith("service b holds the run lease (token 2)");
        ByteArrayOutputStream scrape = new ByteArrayOutputStream();
        metricsA.write(scrape);
        assertThat(scrape.toString(StandardCharsets.UTF_8)).contains("ballast_run_lease_held 0.0")
                .contains("ballast_run_lease_token 2.0").contains("ballast_run_lease_renewals_total{result=\"lost\"} 1.0")
                .contains("ballast_run_lease_takeovers_total 1.0");
    }

    @Test
    void letGoOnAStopItIsTakenAtOnce() {
        a.refresh();
        a.release();

        assertThat(b.refresh()).extracting(RunLease.Standing::held, RunLease.Standing::token)
                .containsExactly(true, 2L);
        assertThat(a.lost(1)).isPresent();
    }
}
