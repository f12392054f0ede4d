package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Group;
import dev.ballast.model.Host;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Writes a snapshot as a {@code ballast/v1 ClusterSnapshot} file that {@link SnapshotReader}
 * reads back to an equal snapshot. Optional fields that are absent, empty or false are left
 * out; storage and bridge sets are written sorted so that the output is stable.
 */
public final class SnapshotWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SnapshotWriter() {
    }

    public static String toYaml(ClusterSnapshot snapshot) {
        try {
            return Mappers.YAML.writeValueAsString(tree(snapshot));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    public static String toJson(ClusterSnapshot snapshot) {
        try {
            return Mappers.PRETTY_JSON.writeValueAsString(tree(snapshot)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(ClusterSnapshot snapshot) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", Documents.API_VERSION);
        root.put("kind", SnapshotReader.KIND);
        ArrayNode hosts = root.putArray("hosts");
        snapshot.hosts().forEach(h -> hosts.add(host(h)));
        ArrayNode vms = root.putArray("vms");
        snapshot.vms().forEach(vm -> vms.add(vm(vm)));
        if (!snapshot.groups().isEmpty()) {
            ArrayNode groups = root.putArray("groups");
            snapshot.groups().forEach(g -> groups.add(group(g)));
        }
        return root;
    }

    private static ObjectNode host(Host host) {
        ObjectNode node = NODES.objectNode();
        node.put("name", host.name());
        node.put("state", host.state().key());
        node.set("capacity", capacity(host.capacity()));
        if (host.migrationLink() != null) {
            node.set("migrationLink", migrationLink(host.migrationLink()));
        }
        putSorted(node, "storage", host.storage());
        putSorted(node, "bridges", host.bridges());
        if (host.cpu() != null) {
            node.set("cpu", cpu(host.cpu()));
        }
        if (host.power() != null) {
            node.set("power", power(host.power()));
        }
        putIfPresent(node, "libvirtUri", host.libvirtUri());
        if (host.stale() != null) {
            ObjectNode stale = node.putObject("stale");
            stale.put("since", host.stale().since().toString());
            stale.put("reason", host.stale().reason());
        }
        if (host.poweredOnAt() != null) {
            node.put("poweredOnAt", host.poweredOnAt().toString());
        }
        return node;
    }

    private static ObjectNode vm(Vm vm) {
        ObjectNode node = NODES.objectNode();
        node.put("name", vm.name());
        putIfPresent(node, "host", vm.host());
        node.put("memoryMiB", vm.memoryMiB());
        node.put("vcpus", vm.vcpus());
        ObjectNode demand = node.putObject("demand");
        demand.set("cpu", number(vm.demand().cpu()));
        demand.set("networkMbps", number(vm.demand().networkMbps()));
        if (vm.dirtyRateMiBps() != null) {
            node.set("dirtyRateMiBps", number(vm.dirtyRateMiBps()));
        }
        putIfPresent(node, "storage", vm.storage());
        putSorted(node, "bridges", vm.bridges());
        if (vm.pinned()) {
            node.put("pinned", true);
        }
        if (vm.lastMigratedAt() != null) {
            node.put("lastMigratedAt", vm.lastMigratedAt().toString());
        }
        return node;
    }

    private static ObjectNode group(Group group) {
        ObjectNode node = NODES.objectNode();
        node.put("name", group.name());
        node.put("rule", group.rule().key());
        ArrayNode vms = node.putArray("vms");
        group.vms().forEach(vms::add);
        return node;
    }

    private static ObjectNode capacity(Resources capacity) {
        ObjectNode node = NODES.objectNode();
        node.set("cpu", number(capacity.cpu()));
        node.put("memoryMiB", capacity.memoryMiB());
        node.set("networkMbps", number(capacity.networkMbps()));
        return node;
    }

    private static ObjectNode migrationLink(MigrationLink link) {
        ObjectNode node = NODES.objectNode();
        node.put("address", link.address());
        node.put("mbps", link.mbps());
        return node;
    }

    private static ObjectNode cpu(CpuInfo cpu) {
        ObjectNode node = NODES.objectNode();
        putIfPresent(node, "arch", cpu.arch());
        putIfPresent(node, "model", cpu.model());
        return node;
    }

    private static ObjectNode power(Power power) {
        ObjectNode node = NODES.objectNode();
        node.set("idleWatts", number(power.idleWatts()));
        node.set("maxWatts", number(power.maxWatts()));
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putSorted(ObjectNode node, String field, Collection<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            new TreeSet<>(values).forEach(array::add);
        }
    }

    /** {@code 64} rather than {@code 64.0} for whole numbers; other values exactly. */
    static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return NODES.numberNode((long) value);
        }
        return NODES.numberNode(value);
    }
}
