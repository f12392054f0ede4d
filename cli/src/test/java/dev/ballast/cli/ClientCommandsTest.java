package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ballast.executor.Sleeper;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.service.ClusterAccess;
import dev.ballast.service.Service;
import dev.ballast.service.api.ApiServer;
import dev.ballast.service.api.Token;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.MaintenanceMarks;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.simulator.ClusterGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a real service started in this process, on a small simulated
 * cluster whose migrations run on simulated time, its API on an ephemeral port of 127.0.0.1.
 */
class ClientCommandsTest {

    private static final Instant START = Instant.parse("2026-11-24T22:00:00Z");
    private static final String SECRET = "s3cret-for-tests";

    @TempDir
    Path dir;
    private Database database;
    private Service service;
    private ApiServer server;
    private SimulatedCluster cluster;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        ManualTicker ticker = new ManualTicker(START);
        cluster = new SimulatedCluster(ClusterGenerator.generate(new ClusterGenerator.Options(6, 40, 0.6, 0.8, 0, 7)),
                1, ticker);
        ClusterConfig config = new ClusterConfig(cluster.hostConfigs(), ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT, null,
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        ClusterAccess access = new ClusterAccess(config, host -> cluster.driver(host.name()), cluster::snapshot,
                ticker.asClock(), Sleeper.following(ticker));
        ServiceConfig settings = new ServiceConfig(dir.resolve("cluster.yaml"), dir, null, ServiceConfig.Http.DEFAULT,
                ServiceConfig.DEFAULT_COLLECT_INTERVAL, List.of(Job.onDemand("nightly", "consolidate", Mode.RECOMMEND)),
                ZoneOffset.UTC, ServiceConfig.DEFAULT_EXPIRY);
        database = Database.embedded(dir);
        service = new Service(settings, access, new PlanStore(database.dataSource(), Clock.fixed(START, ZoneOffset.UTC)),
                new MaintenanceMarks(database.dataSource(), Clock.fixed(START, ZoneOffset.UTC)), new SolverSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 1L));
        tokenFile = Files.writeString(dir.resolve("token"), SECRET + "\n");
        server = ApiServer.start(service, Token.read(tokenFile), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        service.close();
        database.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private Run client(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = url();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = tokenFile.toString();
        return Run.ballast(all);
    }

    private StoredPlan recommended() throws Exception {
        return service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
    }

    private PlanState stateOf(long id) {
        return service.store().find(id).orElseThrow().state();
    }

    @Test
    void plansListsThemAndShowShowsOneWithItsSteps() throws Exception {
        StoredPlan plan = recommended();

        Run plans = client("plans", "--state", "recommended");
        Run show = client("show", String.valueOf(plan.id()));

        assertThat(plans.exitCode()).as(plans.toString()).isZero();
        assertThat(plans.out()).contains(plan.id() + " ").contains("recommended").contains("nightly");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("consolidate").contains("steps:").contains("migrate");
    }

    @Test
    void approveRunsThePlanAndRejectAndCancelMoveTheirs() throws Exception {
        StoredPlan first = recommended();

        Run rejected = client("reject", String.valueOf(first.id()), "--reason", "not tonight");
        StoredPlan second = recommended();
        Run cancelled = client("cancel", String.valueOf(second.id()));
        StoredPlan third = recommended();
        Run approved = client("approve", String.valueOf(third.id()));

        assertThat(rejected.exitCode()).as(rejected.toString()).isZero();
        assertThat(stateOf(first.id())).isEqualTo(PlanState.REJECTED);
        assertThat(service.store().find(first.id()).orElseThrow().reason()).isEqualTo("not tonight");
        assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
        assertThat(stateOf(second.id())).isEqualTo(PlanState.CANCELLED);
        assertThat(approved.exitCode()).as(approved.toString()).isZero();
        assertThat(stateOf(third.id())).isIn(PlanState.APPROVED, PlanState.RUNNING, PlanState.SUCCEEDED);
    }

    @Test
    void aStateThatDoesNotAllowItExits1WithTheServicesMessage() throws Exception {
        StoredPlan plan = recommended();
        client("reject", String.valueOf(plan.id()));

        Run run = client("approve", String.valueOf(plan.id()));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("409").contains("is rejected and cannot become approved");
    }

    @Test
    void anUnknownPlanOrJobOrHostExits2() throws Exception {
        assertThat(client("show", "999").exitCode()).isEqualTo(2);
        assertThat(client("show", "abc").err()).contains("a plan id is a whole number");
        assertThat(client("run", "no-such-job").exitCode()).isEqualTo(2);
        assertThat(client("maintenance", "no-such-host", "--enter").exitCode()).isEqualTo(2);
    }

    @Test
    void runQueuesTheJob() throws Exception {
        Run run = client("run", "nightly");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // The worker makes the queued plan before this one: once this is back, that one is stored.
        service.runJob("nightly").get(60, TimeUnit.SECONDS);
        assertThat(service.store().list(Optional.empty())).hasSize(2);
    }

    @Test
    void maintenanceEntersAndExitsAndTwiceIsRefused() throws Exception {
        String host = cluster.hostNames().get(0);

        Run entered = client("maintenance", host, "--enter");
        Run twice = client("maintenance", host, "--enter");

        assertThat(entered.exitCode()).as(entered.toString()).isZero();
        assertThat(service.hostsInMaintenance()).containsExactly(host);
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(1);
        assertThat(twice.err()).contains("already in maintenance");
        Run exited = client("maintenance", host, "--exit");
        assertThat(exited.exitCode()).as(exited.toString()).isZero();
        ClusterSnapshot snapshot = service.collect();
        assertThat(snapshot.host(host).orElseThrow().state()).isEqualTo(HostState.ACTIVE);
    }

    @Test
    void aChangeWithoutATokenFileExits2SayingWhereTheTokenComesFrom() throws Exception {
        assumeTrue(System.getenv(ServerOptions.TOKEN_FILE_VARIABLE) == null, "BALLAST_TOKEN_FILE is set here");
        StoredPlan plan = recommended();

        Run run = Run.ballast("approve", String.valueOf(plan.id()), "--server", url());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--token-file").contains("BALLAST_TOKEN_FILE");
        assertThat(stateOf(plan.id())).isEqualTo(PlanState.RECOMMENDED);
    }

    @Test
    void aWrongTokenExits1AndChangesNothing() throws Exception {
        StoredPlan plan = recommended();
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-token");

        Run run = Run.ballast("approve", String.valueOf(plan.id()), "--server", url(), "--token-file", wrong.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("403").doesNotContain("not-the-token");
        assertThat(stateOf(plan.id())).isEqualTo(PlanState.RECOMMENDED);
    }

    @Test
    void aServiceThatIsNotThereExits1SayingWhere() {
        Run run = Run.ballast("plans", "--server", "http://127.0.0.1:1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the service at http://127.0.0.1:1");
    }

    @Test
    void aBadServerAddressExits2() {
        Run run = Run.ballast("plans", "--server", "127.0.0.1:8787");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--server");
    }
}
