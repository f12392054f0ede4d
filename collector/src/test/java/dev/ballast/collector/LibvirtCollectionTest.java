package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ballast.formats.SnapshotReader;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Vm;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three hosts served by libvirt's test driver (the real libvirt.so.0, in-process), each a node
 * XML file: the snapshot lists every running domain with what its XML says, and plans as is.
 */
class LibvirtCollectionTest {

    private static final String NFS = "198.18.0.10:/export/vms";
    private static ClusterSnapshot snapshot;

    @BeforeAll
    static void collect() {
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(10),
                TestHosts.host("host-a", "host-a.xml"), TestHosts.host("host-b", "host-b.xml"),
                TestHosts.host("host-c", "host-c.xml")), Clock.systemUTC())) {
            collector.sample();
            collector.sample(); // rates need two samples
            snapshot = collector.snapshot();
        }
    }

    @AfterAll
    static void forget() {
        snapshot = null;
    }

    @Test
    void listsEveryRunningDomainOnItsHost() {
        assertThat(snapshot.vms()).extracting(Vm::name, Vm::host).containsExactlyInAnyOrder(
                tuple("web-1", "host-a"), tuple("db-1", "host-a"),
                tuple("cache-1", "host-a"), tuple("web-2", "host-b"),
                tuple("db-2", "host-b"));
    }

    @Test
    void takesMemoryAndVcpusFromTheDomain() {
        Vm db = snapshot.vm("db-1").orElseThrow();
        assertThat(db.memoryMiB()).isEqualTo(8192);
        assertThat(db.vcpus()).isEqualTo(4);
    }

    @Test
    void findsNfsStorageOfNetworkDisksAndOfFilesInAnNfsPool() {
        assertThat(snapshot.vm("web-1").orElseThrow().storage()).isEqualTo(NFS); // <disk type='network'>
        assertThat(snapshot.vm("db-1").orElseThrow().storage()).isEqualTo(NFS); // a file under the pool's mount
        assertThat(snapshot.vm("cache-1").orElseThrow().storage()).isNull(); // no disk on shared storage
    }

    @Test
    void findsBridgesOfBridgeAndNetworkInterfaces() {
        assertThat(snapshot.vm("web-1").orElseThrow().bridges()).containsExactly("virbr0");
        assertThat(snapshot.vm("db-1").orElseThrow().bridges()).containsExactlyInAnyOrder("virbr0", "br-db");
    }

    @Test
    void describesHostsFromNodeInfoPoolsAndInterfaces() {
        Host a = snapshot.host("host-a").orElseThrow();
        Host c = snapshot.host("host-c").orElseThrow();
        assertThat(a.capacity().cpu()).isEqualTo(16);
        assertThat(a.capacity().memoryMiB()).isEqualTo(65_536);
        assertThat(snapshot.host("host-b").orElseThrow().capacity().cpu()).isEqualTo(32);
        assertThat(c.storage()).isEqualTo(Set.of(NFS));
        assertThat(c.bridges()).isEqualTo(Set.of("virbr0", "br-db"));
        assertThat(a.cpu()).isEqualTo(new CpuInfo("i686", null)); // what the test driver's capabilities say
        assertThat(snapshot.hosts()).noneMatch(Host::isStale);
    }

    @Test
    void measuresVmCpuAsRatesBetweenSamples() {
        // The test driver's CPU time follows the wall clock: one core per domain, capped at its vCPUs.
        assertThat(snapshot.vms()).allSatisfy(vm -> assertThat(vm.demand().cpu()).isBetween(0.0, (double) vm.vcpus()));
        assertThat(snapshot.vms()).allSatisfy(vm -> assertThat(vm.demand().networkMbps()).isNotNegative());
    }

    @Test
    void writesASnapshotThatReadsBackAndPlansUnedited() throws Exception {
        String yaml = SnapshotWriter.toYaml(snapshot);

        ClusterSnapshot read = SnapshotReader.parse(yaml, "collected.yaml");
        MigrationPlan plan = new Planner(SolverSettings.DEFAULT.withTimeLimit(Duration.ofSeconds(2)).withSeed(1L))
                .plan(read, Policies.builtIn("consolidate", Goals.registry()));

        assertThat(read).isEqualTo(snapshot);
        assertThat(plan.placement().hostOf("db-1")).isNotNull();
    }
}
