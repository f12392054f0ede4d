package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Demand;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotReaderTest {

    @Test
    void readsTheDocumentedExampleWithEveryField() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.read(Examples.SNAPSHOT);

        assertThat(snapshot.hosts()).extracting(Host::name).containsExactly("host-01", "host-02", "host-03", "host-04");
        assertThat(snapshot.vms()).hasSize(10);
        assertThat(snapshot.host("host-01")).contains(new Host("host-01", HostState.ACTIVE,
                new Resources(64, 262144, 25000), new MigrationLink("198.18.0.1", 100000),
                Set.of("nfs-vms", "nfs-db"), Set.of("virbr0", "br-db"), new CpuInfo("x86_64", "Icelake-Server"),
                new Power(180, 450), "qemu+tcp://host-01/system"));
        assertThat(snapshot.vm("vm-001")).contains(new Vm("vm-001", "host-01", 32768, 8, new Demand(5.5, 800),
                120.0, "nfs-db", Set.of("virbr0", "br-db"), false));
        assertThat(snapshot.groups()).containsExactly(
                new Group("db", GroupRule.ANTI_AFFINITY, List.of("vm-001", "vm-002")));
    }

    @Test
    void exampleCoversStatesDecimalsPinsAndNewVms() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.read(Examples.SNAPSHOT);

        assertThat(snapshot.hosts()).extracting(Host::state)
                .containsExactly(HostState.ACTIVE, HostState.ACTIVE, HostState.MAINTENANCE, HostState.STANDBY);
        assertThat(snapshot.host("host-03").orElseThrow().capacity().cpu()).isEqualTo(32.5);
        assertThat(snapshot.vm("vm-009").orElseThrow().pinned()).isTrue();
        assertThat(snapshot.vm("vm-010").orElseThrow().isNew()).isTrue();
    }

    @Test
    void appliesDefaultsForOmittedOptionalFields() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.parse(Examples.SNAPSHOT_HEADER + """
                hosts:
                  - name: h1
                    capacity: {cpu: 8, memoryMiB: 16384, networkMbps: 1000}
                    migrationLink: {address: 10.0.0.1}
                vms:
                  - {name: v1, host: null, memoryMiB: 1024, vcpus: 1, demand: {cpu: 0}}
                """, "defaults.yaml");

        Host host = snapshot.hosts().get(0);
        assertThat(host.state()).isEqualTo(HostState.ACTIVE);
        assertThat(host.migrationLink().mbps()).isEqualTo(MigrationLink.DEFAULT_MBPS);
        assertThat(host.storage()).isEmpty();
        assertThat(host.bridges()).isEmpty();
        assertThat(host.cpu()).isNull();
        assertThat(host.power()).isNull();
        assertThat(host.libvirtUri()).isNull();
        assertThat(snapshot.vms().get(0)).isEqualTo(
                new Vm("v1", null, 1024, 1, new Demand(0, 0), null, null, Set.of(), false));
        assertThat(snapshot.groups()).isEmpty();
    }

    @Test
    void readsWhenAVmLastMigratedQuotedOrNot() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.parse(Examples.SNAPSHOT_HEADER + """
                hosts: [{name: h1, capacity: {cpu: 8, memoryMiB: 16384, networkMbps: 1000}}]
                vms:
                  - {name: v1, host: h1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 0}, lastMigratedAt: 2026-11-24T03:00:00Z}
                  - {name: v2, host: h1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 0}, lastMigratedAt: "2026-11-24T04:30:00+01:00"}
                  - {name: v3, host: h1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 0}}
                """, "moved.yaml");

        assertThat(snapshot.vms()).extracting(Vm::lastMigratedAt).containsExactly(
                Instant.parse("2026-11-24T03:00:00Z"), Instant.parse("2026-11-24T03:30:00Z"), null);
    }

    @Test
    void readsJsonToo() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.parse("""
                {"apiVersion": "ballast/v1", "kind": "ClusterSnapshot",
                 "hosts": [{"name": "h1", "capacity": {"cpu": 8, "memoryMiB": 16384, "networkMbps": 1000}}],
                 "vms": []}
                """, "small.json");

        assertThat(snapshot.hosts()).extracting(Host::name).containsExactly("h1");
        assertThat(snapshot.vms()).isEmpty();
    }

    @Test
    void acceptsAWholeNumberWrittenWithADecimalPoint() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.parse(Examples.SNAPSHOT_HEADER + """
                hosts: [{name: h1, capacity: {cpu: 8, memoryMiB: 16384.0, networkMbps: 1000}}]
                """, "s.yaml");

        assertThat(snapshot.hosts().get(0).capacity().memoryMiB()).isEqualTo(16384);
    }

    @Test
    void aMissingFileIsBadInputNamingIt() {
        Path missing = Path.of("no", "such", "snapshot.yaml");

        assertThatThrownBy(() -> SnapshotReader.read(missing))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.source()).isEqualTo(missing.toString());
                    assertThat(e.problems()).containsExactly(new Problem("(file)", "no such file"));
                });
    }
}
