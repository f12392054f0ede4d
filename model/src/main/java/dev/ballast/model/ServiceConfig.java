package dev.ballast.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ballast serve} runs: the cluster it watches, where it keeps its store, how the
 * HTTP API listens, how often it collects, and its jobs. Read from a {@code ballast/v1 Service}
 * file (see {@code docs/service.md}); every field but the cluster, the data directory and the
 * jobs has a default.
 *
 * @param cluster         a {@code kind: Cluster} file
 * @param dataDir         the embedded store, journals and run reports
 * @param store           the database the store is in; null: the embedded H2 file in {@code dataDir}
 * @param collectInterval how often the collector takes a snapshot
 * @param timeZone        the zone cron schedules and windows are read in
 * @param expiry          a recommended plan older than this is superseded rather than run
 */
public record ServiceConfig(Path cluster, Path dataDir, Store store, Http http, Duration collectInterval,
        List<Job> jobs, ZoneId timeZone, Duration expiry) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final Duration DEFAULT_COLLECT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

    public ServiceConfig {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(collectInterval, "collectInterval");
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(expiry, "expiry");
    }

    /** The job of that name, or null. */
    public Job job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * A database the store keeps its plans, runs and Quartz's triggers in, instead of the embedded
     * H2 file: PostgreSQL, so that services can share it. The password is not here but in a file
     * read when the service opens the store, so that neither this record nor the Service file
     * holds it.
     *
     * @param url          a JDBC URL, {@code jdbc:postgresql:} or {@code jdbc:h2:}, holding no password
     * @param passwordFile null: no password (a server that trusts the user)
     * @param lease        how long the run lease lasts and how often it is renewed (PostgreSQL only)
     */
    public record Store(String url, String user, Path passwordFile, Lease lease) {

        public Store {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(lease, "lease");
        }

        /** A store with the default lease. */
        public Store(String url, String user, Path passwordFile) {
            this(url, user, passwordFile, Lease.DEFAULT);
        }
    }

    /**
     * The run lease of services sharing a store: one of them at a time runs plans, the one holding
     * the lease. It lasts {@code duration} from its last renewal, and its holder renews it every
     * {@code renewEvery}; a holder that dies is taken over by another service once it lapses, so
     * {@code duration} bounds the time to take over.
     */
    public record Lease(Duration duration, Duration renewEvery) {

        public static final Lease DEFAULT = new Lease(Duration.ofSeconds(30), Duration.ofSeconds(10));

        public Lease {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(renewEvery, "renewEvery");
            if (renewEvery.isZero() || renewEvery.isNegative() || renewEvery.multipliedBy(2).compareTo(duration) > 0) {
                throw new IllegalArgumentException("renewEvery must be more than 0 and at most half the duration,"
                        + " got " + renewEvery + " of " + duration);
            }
        }
    }

    /**
     * Where the API listens and the file its bearer token is read from.
     *
     * @param port      0 for any free port (tests)
     * @param tokenFile null: no token, so every request that changes something is refused; the
     *                  service refuses to start so on an address other than loopback
     */
    public record Http(String host, int port, Path tokenFile) {

        public static final Http DEFAULT = new Http(DEFAULT_HOST, DEFAULT_PORT, null);

        public Http {
            Objects.requireNonNull(host, "host");
        }
    }

    /** Whether a job's plan waits for an operator's approval or runs at once. */
    public enum Mode {
        RECOMMEND, AUTO;

        /** As files spell it: {@code recommend}, {@code auto}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One job: collect, plan with a policy, and keep the plan for approval or run it.
     *
     * @param policy   a built-in policy's name, a policy file, or a wake plan ({@link #WAKE}, {@link #WAKE_ALL})
     * @param schedule a Quartz cron expression, or null when the job runs only on demand or on its trigger
     * @param until    null: no window; else a plan not finished by then stops between steps
     * @param overload null: no overload trigger
     * @param cooldown no second run of this job within it; zero for none
     * @param limitsOf for a wake job only: the built-in policy or policy file whose limits the hosts
     *                 left on must hold the load within; null for the built-in {@code relieve}
     */
    public record Job(String name, String policy, String schedule, Mode mode, LocalTime until, Overload overload,
            Duration cooldown, String limitsOf) {

        /** The policy of a job that wakes standby hosts for the load forecast. */
        public static final String WAKE = "wake";
        /** The policy of a job that wakes every standby host. */
        public static final String WAKE_ALL = "wake-all";

        public Job {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(cooldown, "cooldown");
            if (limitsOf != null && !wakes(policy)) {
                throw new IllegalArgumentException("limitsOf is read by wake jobs only, not by policy " + policy);
            }
        }

        /** A job that is not a wake job, or one under the built-in {@code relieve} limits. */
        public Job(String name, String policy, String schedule, Mode mode, LocalTime until, Overload overload,
                Duration cooldown) {
            this(name, policy, schedule, mode, until, overload, cooldown, null);
        }

        /** True when a job's {@code policy} names a wake plan rather than a policy. */
        public static boolean wakes(String policy) {
            return WAKE.equals(policy) || WAKE_ALL.equals(policy);
        }

        /** A job run only on demand, with no window and no cooldown. */
        public static Job onDemand(String name, String policy, Mode mode) {
            return new Job(name, policy, null, mode, null, null, Duration.ZERO);
        }
    }

    /**
     * The overload trigger: fires when a host stays over a limit for {@code hold}; re-arms when
     * every host is at least {@code clearBelow} under its limits, so that a host hovering at its
     * limit does not fire twice.
     */
    public record Overload(Duration hold, double clearBelow) {
    }
}
