package dev.ballast.service.lease;

import dev.ballast.model.ServiceConfig;
import dev.ballast.service.metrics.ServiceMetrics;
import dev.ballast.service.store.LeaseTable;
import dev.ballast.service.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lease of services sharing a PostgreSQL store, in its {@code run_lease} row: this
 * service takes it when it has lapsed and renews it while it holds it, every
 * {@code renewEvery} and before each step of a run. Time comes from the injected clock.
 *
 * <p>When the store cannot be reached this service counts itself as not holding the lease (it
 * cannot tell whether another took it) and acts no more; once the store answers again it renews
 * the lease if it is still its own (same token: nobody acted meanwhile), else takes it when it
 * lapses. Either way it then reconciles what it left running before anything else.
 */
public final class SharedLease implements RunLease {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLease.class);

    private final LeaseTable table;
    private final String holder;
    private final ServiceConfig.Lease settings;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private boolean held;
    private long token;
    private String why = "not taken yet";

    /** @param holder this service's name in the lease row: unique among the services sharing the store */
    public SharedLease(LeaseTable table, String holder, ServiceConfig.Lease settings, Clock clock,
            ServiceMetrics metrics) {
        this.table = table;
        this.holder = holder;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** This service's name in the lease row. */
    public String holder() {
        return holder;
    }

    @Override
    public synchronized Standing refresh() {
        Instant now = clock.instant();
        boolean had = held;
        try {
            if (token > 0 && table.renew(holder, token, now, settings.duration())) {
                metrics.leaseRenewal("renewed");
                return hold(!had, "this service holds the run lease (token " + token + ")");
            }
            if (had) {
                metrics.leaseRenewal("lost");
                LOG.warn("this service lost the run lease (token {}): it lapsed or another service took it over;"
                        + " it starts no step until it holds it again", token);
            }
            held = false;
            Optional<Long> taken = table.takeOver(holder, now, settings.duration());
            if (taken.isPresent()) {
                token = taken.get();
                metrics.leaseTakenOver();
                LOG.info("this service took the run lease (token {}): it runs the plans from now on, first"
                        + " reconciling what was left running", token);
                return hold(true, "this service holds the run lease (token " + token + ")");
            }
            LeaseTable.Row row = table.read();
            return standBy(row.token(), "service " + row.holder() + " holds the run lease (token " + row.token()
                    + ") until " + row.expires() + "; this one serves reads and runs no plan");
        } catch (StoreException e) {
            if (had) {
                metrics.leaseRenewal("failed");
                LOG.warn("this service cannot renew the run lease (token {}): {}; it starts no step until the"
                        + " store answers again", token, e.getMessage());
            }
            return standBy(token, "the store cannot be reached to renew the run lease, so this service runs no"
                    + " plan: " + e.getMessage());
        }
    }

    private Standing hold(boolean tookOver, String words) {
        held = true;
        why = words;
        metrics.lease(true, token);
        return new Standing(true, token, tookOver, words);
    }

    private Standing standBy(long seen, String words) {
        held = false;
        why = words;
        metrics.lease(false, seen);
        return new Standing(false, seen, false, words);
    }

    @Override
    public synchronized Standing standing() {
        return new Standing(held, token, false, why);
    }

    @Override
    public synchronized Optional<String> lost(long runToken) {
        if (runToken != token || !held) {
            return Optional.of(why);
        }
        try {
            if (table.renew(holder, runToken, clock.instant(), settings.duration())) {
                metrics.leaseRenewal("renewed");
                return Optional.empty();
            }
            metrics.leaseRenewal("lost");
            standBy(runToken, "the run lease (token " + runToken + ") lapsed or another service took it over");
        } catch (StoreException e) {
            metrics.leaseRenewal("failed");
            standBy(runToken, "the store cannot be reached to renew the run lease: " + e.getMessage());
        }
        LOG.warn("run stops before its next step: {}", why);
        return Optional.of(why);
    }

    @Override
    public synchronized void release() {
        if (!held) {
            return;
        }
        try {
            table.release(holder, token, clock.instant());
            LOG.info("this service let the run lease (token {}) go", token);
        } catch (StoreException e) {
            LOG.warn("the run lease could not be let go ({}); it lapses by itself", e.getMessage());
        }
        held = false;
        why = "let go: the service stopped";
        metrics.lease(false, token);
    }
}
