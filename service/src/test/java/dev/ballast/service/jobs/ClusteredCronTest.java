package dev.ballast.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services' schedulers on one PostgreSQL store, clustered: every due time of a schedule fires
 * on one of them only, and while one is down the other fires them all. The schedule fires every
 * second and Quartz keeps wall-clock time: the test waits for fires to happen (bounded), it does
 * not sleep for time to pass.
 */
class ClusteredCronTest {

    private static final Pattern DUE = Pattern.compile("due at (\\S+)");
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    /** One fire: which service fired which due time. */
    private record Fire(String service, String due) {
    }

    private final List<Fire> fires = new CopyOnWriteArrayList<>();

    private CronJobs open(Database db, String service) throws Exception {
        ServiceConfig config = new ServiceConfig(dataDir.resolve("cluster.yaml"), dataDir, null,
                ServiceConfig.Http.DEFAULT, ServiceConfig.DEFAULT_COLLECT_INTERVAL,
                List.of(new Job("every-second", "consolidate", "* * * * * ?", Mode.RECOMMEND, null, null,
                        Duration.ZERO)), ZoneOffset.UTC, ServiceConfig.DEFAULT_EXPIRY);
        return CronJobs.open(db.dataSource(), "ballast", config, Clock.systemUTC(), (job, firedBy, why) -> {
            Matcher due = DUE.matcher(why);
            fires.add(new Fire(service, due.find() ? due.group(1) : why));
        });
    }

    private void awaitFires(int count) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (fires.size() < count) {
            assertThat(System.nanoTime()).as(count + " fires within " + AWAIT + ", got " + fires).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void eachDueTimeFiresOnceOnOneServiceAndOnTheOtherWhileOneIsDown() throws Exception {
        TestStores.TestStore store = TestStores.POSTGRESQL.fresh(dataDir);
        try (Database dbA = store.open(); Database dbB = store.open()) {
            CronJobs a = open(dbA, "a");
            try (CronJobs b = open(dbB, "b")) {
                a.start();
                b.start();
                awaitFires(6);
                a.close();
                int whileBothUp = fires.size();
                awaitFires(whileBothUp + 5);
                // One fire may have been under way on a when it stopped; every later one is b's.
                List<Fire> now = List.copyOf(fires);
                List<Fire> whileADown = now.subList(whileBothUp + 1, now.size());
                assertThat(whileADown).extracting(Fire::service).containsOnly("b");
            } finally {
                a.close();
            }
        }
        Map<String, Long> byDue = fires.stream().collect(Collectors.groupingBy(Fire::due, Collectors.counting()));
        long firedTwice = byDue.values().stream().filter(n -> n > 1).count();
        assertThat(firedTwice).as("due times fired twice, of " + fires).isZero();
        assertThat(fires.stream().map(Fire::service).distinct()).as("fires of both services while both were up")
                .isNotEmpty();
        System.out.printf("clustered schedules: %d fires, %d by a, %d by b, jobs fired twice: %d%n", fires.size(),
                fires.stream().filter(f -> f.service().equals("a")).count(),
                fires.stream().filter(f -> f.service().equals("b")).count(), firedTwice);
    }
}
