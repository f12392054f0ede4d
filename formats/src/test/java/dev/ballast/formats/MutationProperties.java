package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Valid files, mutated: numbers, strings and structure changed at random places, and the text
 * itself cut, spliced and salted with YAML and JSON oddities. Whatever comes out, every reader
 * either reads it or throws an InputException whose every problem names a path; no other
 * exception, and no problem without a place, ever.
 */
class MutationProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The readers under test, each with a valid file of its kind. */
    enum Kind {
        // Small files with every kind of field: YAML parsing costs about a microsecond a character.
        SNAPSHOT("""
                apiVersion: ballast/v1
                kind: ClusterSnapshot
                hosts:
                  - name: host-01
                    state: active
                    capacity: {cpu: 64, memoryMiB: 262144, networkMbps: 25000}
                    migrationLink: {address: 198.18.0.1, mbps: 100000}
                    storage: [nfs-vms]
                    bridges: [virbr0]
                    cpu: {arch: x86_64, model: Icelake-Server}
                    power: {idleWatts: 180, maxWatts: 450}
                    libvirtUri: qemu+tcp://host-01/system
                  - name: host-02
                    state: standby
                    capacity: {cpu: 32.5, memoryMiB: 131072, networkMbps: 10000}
                    stale: {since: "2026-11-24T03:00:00Z", reason: no answer}
                vms:
                  - name: vm-001
                    host: host-01
                    memoryMiB: 32768
                    vcpus: 8
                    demand: {cpu: 5.5, networkMbps: 800}
                    dirtyRateMiBps: 120
                    storage: nfs-vms
                    bridges: [virbr0]
                    pinned: false
                    lastMigratedAt: "2026-11-24T03:00:00Z"
                  - {name: vm-002, memoryMiB: 4096, vcpus: 2, demand: {cpu: 1}}
                groups:
                  - {name: db, rule: anti-affinity, vms: [vm-001, vm-002]}
                  - {name: pair, rule: affinity, vms: [vm-001, vm-002]}
                """) {
            @Override
            void read(String text, String source) throws InputException {
                SnapshotReader.parse(text, source);
            }
        },
        POLICY("""
                apiVersion: ballast/v1
                kind: Policy
                name: night
                goal: consolidate
                limits: {cpu: 0.8, memory: 0.9, network: 0.8}
                maxMigrations: 20
                weights: {hostPower: 1, packing: 1, spread: 0, migration: 0.5}
                tolerance: {cpu: 0.02, memory: 0.1}
                cooldown: 6h
                minImprovement: {watts: 100, points: 1}
                """) {
            @Override
            void read(String text, String source) throws InputException {
                PolicyReader.parse(text, source, FakeGoals.INSTANCE);
            }
        },
        PLAN("""
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "balance", "score": "0hard/-1soft",
                 "placement": {"vm-1": "host-b", "vm-2": "host-a"},
                 "steps": [
                   {"action": "migrate", "vm": "vm-1", "from": "host-a", "to": "host-b", "detour": false,
                    "estimatedSeconds": 12.5, "estimatedDowntimeMs": 45, "preCopyRounds": 3},
                   {"action": "start", "vm": "vm-2", "to": "host-a"},
                   {"action": "power-off", "host": "host-c"}],
                 "summary": {"hostsUsedBefore": 3, "hostsUsedAfter": 2, "powerOnBeforeWatts": 540.0,
                   "powerOnAfterWatts": 360.0, "powerSavedWatts": 180.0, "migrations": 1, "newVmsPlaced": 1,
                   "gibToMove": 4.0, "estimatedSeconds": 12.5, "detours": 0,
                   "utilisation": {
                     "cpu": {"before": {"max": 0.5, "mean": 0.3, "stdDev": 0.1}, "after": {"max": 0.4, "mean": 0.3, "stdDev": 0.05}},
                     "memory": {"before": {"max": 0.5, "mean": 0.3, "stdDev": 0.1}, "after": {"max": 0.4, "mean": 0.3, "stdDev": 0.05}},
                     "network": {"before": {"max": 0.5, "mean": 0.3, "stdDev": 0.1}, "after": {"max": 0.4, "mean": 0.3, "stdDev": 0.05}}},
                   "dropped": [{"vm": "vm-3", "from": "host-a", "to": "host-c", "reason": "over the cap"}]}}
                """) {
            @Override
            void read(String text, String source) throws InputException {
                PlanReader.parse(text, source);
            }
        },
        CLUSTER("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - name: host-01
                    libvirtUri: qemu+tcp://host-01/system
                    migrationLink: {address: 198.18.0.1, mbps: 25000}
                    networkMbps: 25000
                    reserve: {cpu: 2, memoryMiB: 8192}
                    power: {idleWatts: 180, maxWatts: 450}
                    nics: [eth0, eth1]
                    storage: ["nfs1:/export/vms"]
                    bridges: [virbr0]
                    instance: "host-01:9100"
                sources:
                  libvirt: {timeout: 5s}
                  prometheus:
                    url: http://127.0.0.1:9090
                    hostLabel: node
                    rateWindow: 2m
                    queries: {vmCpu: "rate(libvirt_domain_info_cpu_time_seconds_total[$window])"}
                smoothing: {statistic: p95, window: 30, alpha: 0.5}
                staleAfter: 2m
                """) {
            @Override
            void read(String text, String source) throws InputException {
                ClusterConfigReader.parse(text, source);
            }
        };

        final String valid;

        Kind(String valid) {
            this.valid = valid;
        }

        private JsonNode tree;

        abstract void read(String text, String source) throws InputException;

        /** The valid file, parsed once. */
        synchronized JsonNode tree() {
            if (tree == null) {
                tree = parse(valid);
            }
            return tree;
        }
    }

    private static final Object[] ODD_VALUES = {
        0, -1, 1, 0.5, -0.0, Double.POSITIVE_INFINITY, Double.NaN, new java.math.BigDecimal("1e309"), 1e15, 9223372036854775807L, new java.math.BigInteger("99999999999999999999999"),
        Integer.MAX_VALUE, 1e-320, "", " ", "x", "host-a\nPLAN: OK", "a\u0000b", "\u202eevil", "\u001b[2J", "\uD800",
        "h".repeat(300), "1e309", ".nan", "010", "yes", "30s", "-5m", "9999999999s", "not a uri at all", "qemu:///system",
        "2026-11-24T03:00:00Z", "balance", "host-a", "vm-1", true, false, null, List.of(), List.of(1, "a"), Map.of(),
        Map.of("name", "x")};

    private static final String[] SPLICES = {
        "*a", "&a ", "---\n", "\n---\n", "{", "}", "[", "]", ":", ": ", "\"", "'", "\\", "\n", "\t", "#", "- ",
        "1e309", ".nan", "010", "0x1F", "<<: *a\n", "!!binary ", "!!str ", "? ", "|\n", "\u0000", "\uFFFD", "\u202e",
        ",", "  ", "null", "~", "9223372036854775808"};

    @Property(tries = 1200)
    void aMutatedTreeIsReadOrRefusedWithPaths(@ForAll("kinds") Kind kind, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        JsonNode tree = kind.tree().deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            tree = mutateTree(tree, random);
        }
        String text = random.nextBoolean() ? tree.toString() : yaml(tree);
        assertReadOrRefusedWithPaths(kind, text, random.nextBoolean() ? "mutated.json" : "mutated.yaml");
    }

    @Property(tries = 1200)
    void aMutatedTextIsReadOrRefusedWithPaths(@ForAll("kinds") Kind kind, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        String text = random.nextBoolean() ? kind.valid : kind.tree().toString();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            text = mutateText(text, random);
        }
        assertReadOrRefusedWithPaths(kind, text, "mutated." + (text.startsWith("{") ? "json" : "yaml"));
    }

    /**
     * A snapshot file is read as a stream, and its text otherwise: both read the same snapshot or
     * report the same problems, in the same order, whatever was mutated, and wherever the VMs come.
     */
    @Property(tries = 600)
    void aMutatedSnapshotFileReadsAsItsText(@ForAll("seeds") long seed) throws IOException {
        Random random = new Random(seed);
        ObjectNode tree = (ObjectNode) Kind.SNAPSHOT.tree().deepCopy();
        if (random.nextInt(4) == 0) {
            tree = vmsFirst(tree);
        }
        JsonNode mutated = tree;
        for (int i = random.nextInt(3); i > 0; i--) {
            mutated = mutateTree(mutated, random);
        }
        String text = random.nextBoolean() ? mutated.toString() : Mappers.PRETTY_JSON.writeValueAsString(mutated);
        if (random.nextInt(3) == 0) {
            text = mutateText(text, random);
        }
        Path file = Files.createTempFile("mutated", ".json");
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            String written = Files.readString(file);

            assertThat(outcome(() -> SnapshotReader.read(file)))
                    .as(written)
                    .isEqualTo(outcome(() -> SnapshotReader.parse(written, file.toString())));
            assertThat(SnapshotOutcomes.checked(file)).as("validate's check of " + written)
                    .isEqualTo(SnapshotOutcomes.loaded(file));
        } finally {
            Files.delete(file);
        }
    }

    /** A sample that once read in another order streamed: a VM naming an unknown host before a list entry that is no VM. */
    @Example
    void aListEntryThatIsNoVmIsReportedFirstStreamedOrNot() throws IOException {
        ObjectNode tree = (ObjectNode) Kind.SNAPSHOT.tree().deepCopy();
        tree.put("hosts", "hhhh");
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("vms")).set(1, NODES.textNode("9999999999s"));
        Path file = Files.createTempFile("mutated", ".json");
        try {
            Files.writeString(file, tree.toString());
            assertThat(outcome(() -> SnapshotReader.read(file)))
                    .isEqualTo(outcome(() -> SnapshotReader.parse(tree.toString(), file.toString())));
        } finally {
            Files.delete(file);
        }
    }

    private static ObjectNode vmsFirst(ObjectNode snapshot) {
        ObjectNode reordered = NODES.objectNode();
        if (snapshot.has("vms")) {
            reordered.set("vms", snapshot.get("vms"));
        }
        snapshot.fields().forEachRemaining(field -> reordered.set(field.getKey(), field.getValue()));
        return reordered;
    }

    private interface Read {
        Object read() throws InputException;
    }

    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (InputException e) {
            return e.getMessage();
        }
    }

    @Provide
    Arbitrary<Kind> kinds() {
        return Arbitraries.of(Kind.class);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static void assertReadOrRefusedWithPaths(Kind kind, String text, String source) {
        try {
            kind.read(text, source);
        } catch (InputException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem.path()).isNotBlank();
                assertThat(problem.message()).isNotBlank();
            });
            assertThat(e.getMessage()).startsWith(Printable.escape(source) + ": ");
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(kind + " reader threw " + e + " on:\n" + text, e);
        }
    }

    // --- mutations of the tree

    private static JsonNode mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name + (random.nextBoolean() ? "x" : ""), object.remove(name));
                case 2 -> object.set(name, NODES.arrayNode().add(object.get(name)));
                default -> object.set(name, odd(random));
            }
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.add(array.get(index).deepCopy());
                default -> array.set(index, odd(random));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    private static JsonNode odd(Random random) {
        Object value = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
        return Mappers.JSON.valueToTree(value);
    }

    // --- mutations of the text

    private static String mutateText(String text, Random random) {
        if (text.isEmpty()) {
            return SPLICES[random.nextInt(SPLICES.length)];
        }
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + SPLICES[random.nextInt(SPLICES.length)] + text.substring(at);
            case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
            case 3 -> replaceANumber(text, random);
            default -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at);
        };
    }

    private static String replaceANumber(String text, Random random) {
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("\\b\\d+(\\.\\d+)?\\b").matcher(text);
        List<int[]> found = new ArrayList<>();
        while (numbers.find()) {
            found.add(new int[] {numbers.start(), numbers.end()});
        }
        if (found.isEmpty()) {
            return text;
        }
        int[] number = found.get(random.nextInt(found.size()));
        String[] replacements = {"1e309", "-1", "0", "9223372036854775807", "99999999999999999999", ".nan", "1_000",
            "010", "0.0000001", "-0", "1e15", "\"12\""};
        return text.substring(0, number[0]) + replacements[random.nextInt(replacements.length)] + text.substring(number[1]);
    }

    private static JsonNode parse(String text) {
        try {
            return text.stripLeading().startsWith("{") ? Mappers.JSON.readTree(text) : Mappers.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A lone surrogate cannot be written as YAML: such a tree is tried as JSON.
    private static String yaml(JsonNode tree) {
        try {
            return Mappers.YAML.writeValueAsString(tree);
        } catch (IOException | RuntimeException e) {
            return tree.toString();
        }
    }
}
