package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A VM of a streamed JSON file is read from its tokens only when nothing about it is to be
 * reported ({@link StreamedVm}); every other VM is handed over to the reader of trees. Either
 * way the file reads as its text does: the same snapshot, or the same problems in the same
 * order. Each case puts one odd VM, or a pair, between two usual ones.
 */
class StreamedVmTest {

    private static final String HOSTS = """
            {"apiVersion": "ballast/v1", "kind": "ClusterSnapshot",
             "hosts": [{"name": "h1", "capacity": {"cpu": 64, "memoryMiB": 262144, "networkMbps": 10000},
                        "storage": ["nfs"], "bridges": ["br0", "br1"]},
                       {"name": "h2", "state": "standby", "capacity": {"cpu": 8, "memoryMiB": 8192, "networkMbps": 1000}},
                       {"name": "h3", "capacity": {"cpu": -1, "memoryMiB": 8192, "networkMbps": 1000}}],
             "vms": [{"name": "first", "host": "h1", "memoryMiB": 1024, "vcpus": 1, "demand": {"cpu": 0.5}},
            """;
    private static final String END = """
                     {"name": "last", "host": "h1", "memoryMiB": 1024, "vcpus": 1, "demand": {"cpu": 0.5, "networkMbps": 10}}],
             "groups": [{"name": "g", "rule": "affinity", "vms": ["first", "last", "v"]}]}
            """;

    @ParameterizedTest
    @ValueSource(strings = {
        // Read from the tokens: every field, nulls for what may be absent, whole numbers as decimals.
        """
        {"name": "v", "host": "h1", "memoryMiB": 4096, "vcpus": 2, "demand": {"cpu": 1, "networkMbps": 2.5},
         "dirtyRateMiBps": 12.5, "storage": "nfs", "bridges": ["br1", "br0"], "pinned": true,
         "lastMigratedAt": "2026-11-24T03:00:00Z"},""",
        """
        {"name": "v", "host": null, "memoryMiB": 4096, "vcpus": 2, "demand": {"networkMbps": null, "cpu": 1},
         "dirtyRateMiBps": null, "storage": null, "bridges": null, "pinned": false, "lastMigratedAt": null},""",
        """
        {"demand": {"cpu": 0}, "vcpus": 2, "memoryMiB": 1, "name": "v"},""",
        // Handed over: each a problem, or an accepted form the tokens do not take.
        """
        {"name": "v", "host": "h1", "memoryMiB": 4096, "vcpus": 9999999999, "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 4096.0, "vcpus": 2, "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 99999999999999999999, "vcpus": 2, "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": -1, "vcpus": "2", "demand": {"cpu": 1, "gpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1, "cpu": 2}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "name": "w", "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "colour": "red", "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": [1, 2], "bridges": ["br0", 7, {"a": 1}]},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": null}, "bridges": "br0"},""",
        """
        {"name": "v", "host": "h2", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "pinned": "yes"},""",
        """
        {"name": "v", "host": "h3", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h9", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "pinned": true},""",
        """
        {"name": "v", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "pinned": true, "lastMigratedAt": "yesterday"},""",
        """
        {"name": "v\\n", "host": " h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "storage": ""},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1048576000, "vcpus": 2, "demand": {"cpu": 1e309}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 300000, "vcpus": 2, "demand": {"cpu": 1}, "storage": "san"},""",
        """
        {"memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},""",
        """
        "v",""",
        // Duplicate names, among VMs read either way: each reported after the VM's own problems.
        """
        {"name": "first", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},
        {"name": "last", "host": "h9", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},
        {"name": "v", "host": "h1", "memoryMiB": -1, "vcpus": 2, "demand": {"cpu": 1}},
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},""",
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},
        {"name": "v", "host": "h9", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},
        {"name": "first", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}},""",
        // Names looked up once and kept for the VMs after (a host, storage and bridges given
        // again, a name used as a host and as a storage id, a bad one given twice).
        """
        {"name": "v", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "storage": "nfs", "bridges": ["br0"]},
        {"name": "w", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "storage": "nfs", "bridges": ["br0"]},
        {"name": "x", "host": "h1", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "storage": "h1", "bridges": ["nfs"]},
        {"name": "y", "host": "nfs", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "storage": "nfs\t"},
        {"name": "z", "host": "h2", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "storage": "nfs\t"},
        {"name": "u", "host": "h2", "memoryMiB": 1, "vcpus": 2, "demand": {"cpu": 1}, "bridges": ["br0", "nfs\t"]},""",
    })
    void aStreamedFileReadsAsItsText(String vms, @TempDir Path dir) throws IOException {
        String text = HOSTS + vms + "\n" + END;
        Path file = dir.resolve("snapshot.json");
        Files.writeString(file, text);

        assertThat(outcome(() -> SnapshotReader.read(file)))
                .isEqualTo(outcome(() -> SnapshotReader.parse(text, file.toString())));
        assertThat(SnapshotOutcomes.checked(file)).as("validate's check, keeping no VM")
                .isEqualTo(SnapshotOutcomes.loaded(file));
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
}
