package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.SnapshotReader;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.HostSample;
import dev.ballast.hosts.HostStatistics;
import dev.ballast.hosts.VmInventory;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@code collect} writes is always valid input: every snapshot it takes passes its own
 * reader, whatever the hosts answer. A VM larger than what its host has left is recorded, with
 * the host's capacity raised to hold it; a VM whose name no reader accepts is left out.
 */
class WritableSnapshotTest {

    private static final Instant START = Instant.parse("2026-12-01T03:00:00Z");

    @Test
    void libvirtsTestDriverGivesASnapshotItsReaderAccepts() throws Exception {
        ClusterSnapshot snapshot = collect(HostConfig.of("host-01", "test:///default"), null);

        ClusterSnapshot read = SnapshotReader.parse(SnapshotWriter.toYaml(snapshot), "collected.yaml");

        assertThat(read.hosts()).extracting(Host::name).containsExactly("host-01");
        assertThat(read.host("host-01").orElseThrow().isStale()).isFalse();
        assertThat(read.vms()).isNotEmpty();
    }

    @Test
    void aVmLargerThanItsHostIsRecordedOnAHostAsLargeAsIt() throws Exception {
        HostInventory inventory = new HostInventory(4, 8192, null, Set.of("nas:/vms"), Set.of("br0"), List.of(
                new VmInventory("huge", 16_384, 8, "nas:/vms", Set.of("br0"), List.of(), null),
                new VmInventory("elsewhere", 1024, 1, "ceph:/pool", Set.of("br9"), List.of(), null)));

        ClusterSnapshot snapshot = collect(HostConfig.of("host-01", "sim://host-01"), inventory);
        ClusterSnapshot read = SnapshotReader.parse(SnapshotWriter.toJson(snapshot), "collected.json");

        Host host = read.host("host-01").orElseThrow();
        assertThat(host.capacity().memoryMiB()).isEqualTo(16_384);
        assertThat(host.capacity().cpu()).isEqualTo(8); // no rate yet: the VM counts at its 8 vCPUs
        assertThat(host.storage()).containsExactlyInAnyOrder("ceph:/pool", "nas:/vms");
        assertThat(host.bridges()).containsExactlyInAnyOrder("br0", "br9");
        assertThat(read.vm("huge").orElseThrow().memoryMiB()).isEqualTo(16_384);
    }

    @Test
    void aVmWhoseNameNoReaderAcceptsIsLeftOutAndSaidSo() throws Exception {
        HostInventory inventory = new HostInventory(16, 65_536, null, Set.of(), Set.of(), List.of(
                new VmInventory("web-1", 1024, 1, null, Set.of(), List.of(), null),
                new VmInventory("bad\nPLAN: OK", 1024, 1, null, Set.of(), List.of(), null)));
        HostConfig config = HostConfig.of("host-01", "sim://host-01");

        try (Collector collector = collector(config, inventory)) {
            ClusterSnapshot read = SnapshotReader.parse(SnapshotWriter.toYaml(collector.snapshot()), "collected.yaml");

            assertThat(read.vms()).extracting(vm -> vm.name()).containsExactly("web-1");
            assertThat(collector.status()).singleElement().asString()
                    .contains("VM \"bad\\nPLAN: OK\" left out of the snapshot: its name holds U+000A")
                    .doesNotContain("\n");
        }
    }

    private static ClusterSnapshot collect(HostConfig config, HostInventory inventory) {
        try (Collector collector = collector(config, inventory)) {
            return collector.snapshot();
        }
    }

    /** Two samples taken, 10 s apart: from libvirt when {@code inventory} is null, else from a driver answering it. */
    private static Collector collector(HostConfig config, HostInventory inventory) {
        MutableClock clock = new MutableClock(START);
        Collector collector = inventory == null
                ? new Collector(TestHosts.config(Duration.ofSeconds(5), config), clock)
                : new Collector(TestHosts.config(Duration.ofSeconds(5), config), clock, given -> answering(inventory));
        collector.sample();
        clock.advance(Duration.ofSeconds(10));
        collector.sample();
        return collector;
    }

    /** A driver that answers every sample with the inventory and no statistics. */
    private static HostDriver answering(HostInventory inventory) {
        return (HostDriver) Proxy.newProxyInstance(HostDriver.class.getClassLoader(), new Class<?>[] {HostDriver.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sample" -> new HostSample(inventory, new HostStatistics(null, null, Map.of()));
                    case "inventory" -> inventory;
                    case "host" -> "sim";
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
