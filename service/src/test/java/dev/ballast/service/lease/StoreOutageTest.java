package dev.ballast.service.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.PlanReader;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.ServiceConfig;
import dev.ballast.service.Service;
import dev.ballast.service.api.ApiServer;
import dev.ballast.service.api.Token;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.PostgresServer;
import dev.ballast.service.store.StoreSettingsException;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops while one of two services runs a plan (its own server, halted as a crash
 * would): the step under way finishes, no further migration starts on either service, both say
 * why (log, {@code /api/v1/health}, {@code ballast_store_up 0} in {@code /metrics}, which goes on
 * answering with the plans' last known figures), and when the server is back one of them takes
 * the lease, reconciles the run and carries the plan to its end. Lease time is the injected clock's.
 */
class StoreOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNNING_PLANS = "ballast_plans{job_name=\"nightly\",state=\"running\"}";
    private static PostgresServer server;

    @TempDir
    Path dataDir;
    private TwoServices two;
    private ApiServer apiA;
    private ApiServer apiB;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        synchronized (StoreOutageTest.class) {
            if (server == null) {
                server = PostgresServer.own();
            }
        }
        ServiceConfig.Store store = server.createDatabase();
        two = new TwoServices(dataDir, () -> {
            try {
                return Database.of(store, dataDir);
            } catch (StoreSettingsException e) {
                throw new IllegalStateException(e);
            }
        });
        Token token = Token.read(Files.writeString(dataDir.resolve("token"), "a-test-token\n"));
        apiA = ApiServer.start(two.a, token, "127.0.0.1", 0);
        apiB = ApiServer.start(two.b, token, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        apiA.close();
        apiB.close();
        two.close();
    }

    private HttpResponse<String> get(ApiServer api, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer;
    }

    private JsonNode health(ApiServer api) throws Exception {
        return JSON.readTree(get(api, "/api/v1/health").body()).get("runLease");
    }

    /** {@code GET /metrics}, as Prometheus scrapes it: each sample's value by its name and labels as written. */
    private Map<String, Double> metrics(ApiServer api) throws Exception {
        Map<String, Double> samples = new HashMap<>();
        get(api, "/metrics").body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    @Test
    void withTheStoreDownNeitherServiceStartsAMigrationBothSayWhyAndTheyResumeWhenItIsBack() throws Exception {
        assertThat(two.a.keepLease().held()).isTrue();
        assertThat(two.b.keepLease().held()).isFalse();
        StoredPlan plan = two.a.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        MigrationPlan steps = PlanReader.parse(plan.planJson(), "plan " + plan.id());
        Migration first = steps.migrations().get(0);
        two.gateA.hold();
        two.a.approve(plan.id(), "looks good");
        assertThat(two.gateA.awaitReached(Duration.ofSeconds(60))).as("a's run reached its first step").isTrue();
        two.awaitMigrating(first.vm());
        Map<String, Double> beforeOutage = metrics(apiA);
        assertThat(beforeOutage).containsEntry("ballast_store_up", 1.0)
                .containsEntry(RUNNING_PLANS, 1.0);

        server.halt();
        two.gateA.release();
        // a's worker takes the next task only once the run has stopped: a job queued behind it tells when.
        Throwable queued = catchThrowable(() -> two.a.runJob("nightly").get(60, TimeUnit.SECONDS));
        assertThat(queued).as("the job behind the run cannot store a plan").isNotNull();
        Map<String, String> placedDuringOutage = placement();
        assertThat(placedDuringOutage.get(first.vm())).as("the step under way finished").isEqualTo(first.to());

        RunLease.Standing a = two.a.keepLease();
        RunLease.Standing b = two.b.keepLease();
        two.clock.advance(TwoServices.LEASE.duration().plus(TwoServices.LEASE.renewEvery()));
        a = two.a.keepLease();
        b = two.b.keepLease();
        assertThat(a.held()).isFalse();
        assertThat(b.held()).isFalse();
        assertThat(a.why()).contains("the store cannot be reached");
        assertThat(b.why()).contains("the store cannot be reached");
        assertThat(health(apiA).get("held").asBoolean()).isFalse();
        assertThat(health(apiB).get("why").asText()).contains("the store cannot be reached");
        assertThat(placement()).as("no migration started while the store was down").isEqualTo(placedDuringOutage);
        assertThat(steps.migrations()).allSatisfy(m -> assertThat(two.cluster.migrating(m.vm())).isFalse());
        // Prometheus still scrapes both: the store is down, the figures read from it are the last known.
        long scrapeStarted = System.nanoTime();
        Map<String, Double> duringOutage = metrics(apiA);
        Duration scrapeTook = Duration.ofNanos(System.nanoTime() - scrapeStarted);
        assertThat(duringOutage).containsEntry("ballast_store_up", 0.0).containsEntry(RUNNING_PLANS, 1.0)
                .containsEntry("ballast_run_lease_held", 0.0);
        assertThat(metrics(apiB)).containsEntry("ballast_store_up", 0.0);

        server.resume();
        Instant back = two.clock.instant();
        RunLease.Standing after = two.b.keepLease();
        while (!after.held()) {
            two.clock.advance(TwoServices.LEASE.renewEvery());
            after = two.b.keepLease();
        }
        Duration toResume = Duration.between(back, two.clock.instant());
        assertThat(after.token()).as("taken over, the token bumped").isEqualTo(2);
        assertThat(two.a.keepLease().held()).isFalse();

        StoredPlan done = two.awaitState(plan.id(), PlanState.SUCCEEDED);
        // The step finished during the outage is found done where its VM is, not run again.
        assertThat(done.reason()).contains((plan.steps() - 1) + " steps done").contains("(completed)");
        assertThat(two.store().events(plan.id())).filteredOn(e -> e.kind().equals("reconciled"))
                .extracting(StoredEvent::step, StoredEvent::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "left unfinished by an earlier run: done"));
        assertThat(two.doneByStep(plan.id())).doesNotContainKey(1).hasSize(plan.steps() - 1);
        assertThat(two.stepsRepeated(plan.id())).as("steps done twice").isZero();
        steps.placement().hostOfVm().forEach((vm, host) -> assertThat(two.cluster.hostOf(vm)).as(vm).contains(host));
        assertThat(health(apiB).get("held").asBoolean()).isTrue();
        Map<String, Double> afterOutage = metrics(apiA);
        assertThat(afterOutage).containsEntry("ballast_store_up", 1.0)
                .containsEntry("ballast_plans{job_name=\"nightly\",state=\"succeeded\"}", 1.0)
                .doesNotContainKey(RUNNING_PLANS);
        System.out.printf("store outage: no migration started while PostgreSQL was down; after it came back, b held"
                + " the lease %s later (injected clock); steps repeated: %d; /metrics answered during the outage"
                + " in %d ms%n", toResume, two.stepsRepeated(plan.id()), scrapeTook.toMillis());
    }

    private Map<String, String> placement() {
        Map<String, String> where = new HashMap<>();
        two.cluster.snapshot().vms().forEach(vm -> where.put(vm.name(), vm.host()));
        return where;
    }
}
