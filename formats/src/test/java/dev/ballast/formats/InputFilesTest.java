package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ballast.model.ClusterSnapshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what a reader expects: not regular files, too large, not UTF-8, or YAML
 * and JSON features that would be read wrongly. Each gets an InputException naming the file, at
 * once: none may block, read gigabytes, or crash. Each refusal must take under 5 s; the timeout
 * is the net for one that would block (a FIFO), wide enough for a loaded machine's set-up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InputFilesTest {

    private static final String HOST = "hosts:\n  - name: host-01\n    capacity: {cpu: 32, memoryMiB: %s, networkMbps: 10000}\n";

    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        assumeThat(Path.of("/dev/zero")).exists();

        assertThat(problemOf(Path.of("/dev/zero"))).isEqualTo(
                "(file): is not a regular file (a device, FIFO or socket); give the path of a file");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("snapshot.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).isZero();

        assertThat(problemOf(fifo)).contains("is not a regular file");
    }

    @Test
    void aDirectoryIsRefused() {
        assertThat(problemOf(dir)).isEqualTo("(file): is a directory; give the path of a file");
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedBeforeReading() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk, and is never read
        }

        assertThat(problemOf(huge)).isEqualTo(
                "(file): is 3221225472 bytes; a ballast/v1 file may hold at most 1073741824 bytes (1 GiB)");
    }

    @Test
    void bytesThatAreNotUtf8AreLocated() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, (Examples.SNAPSHOT_HEADER + "hosts:\n  - name: h\u00f4te\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problemOf(file)).isEqualTo("line 4, column 12: is not UTF-8 text (byte 0xF4); save the file as UTF-8");
    }

    @Test
    void bytesThatAreNotUtf8AreLocatedInAJsonFileReadAsAStream() throws IOException {
        Path file = dir.resolve("latin1.json");
        String start = "{\"apiVersion\": \"ballast/v1\", \"kind\": \"ClusterSnapshot\",\n \"hosts\": [{\"name\": \"h";
        Files.write(file, (start + "\u00f4te\"}]}").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problemOf(file)).isEqualTo("line 2, column 23: is not UTF-8 text (byte 0xF4); save the file as UTF-8");
    }

    @Test
    void bytesThatAreNotUtf8FarIntoAStreamedJsonFileAreLocated() throws IOException {
        // Past the parser's first reads: the bytes are checked as the parser reads them.
        Path file = dir.resolve("latin1-late.json");
        String start = "{\"apiVersion\": \"ballast/v1\", \"kind\": \"ClusterSnapshot\",\n \"hosts\": [{\"name\": \""
                + "h".repeat(100_000);
        Files.write(file, (start + "\u00f4te\"}]}").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problemOf(file)).isEqualTo("line 2, column 100022: is not UTF-8 text (byte 0xF4); save the file as UTF-8");
    }

    @Test
    void bytesThatAreNotUtf8AfterWhatStopsTheReaderAreReportedFirst() throws IOException {
        // The reader stops at the second "hosts"; the file is still refused as not UTF-8 first.
        Path file = dir.resolve("latin1-after-a-stop.json");
        String text = "{\"apiVersion\": \"ballast/v1\", \"kind\": \"ClusterSnapshot\", \"hosts\": [], \"hosts\": [],\n"
                + " \"vms\": [{\"name\": \"" + "v".repeat(100_000) + "\u00f4\"}]}";
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problemOf(file)).isEqualTo("line 2, column 100020: is not UTF-8 text (byte 0xF4); save the file as UTF-8");
    }

    @Test
    void aStreamedJsonFileEndingInsideACharacterIsNotUtf8() throws IOException {
        Path file = dir.resolve("cut.json");
        byte[] text = "{\"apiVersion\": \"ballast/v1\", \"kind\": \"ClusterSnapshot\", \"hosts\": [{\"name\": \"h\u00f4"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(text, text.length - 1));

        assertThat(problemOf(file)).isEqualTo("line 1, column 78: is not UTF-8 text (byte 0xC3); save the file as UTF-8");
    }

    @Test
    void aJsonFileAboveTheSizeLimitIsRefusedBeforeReading() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024);
        }

        assertThat(problemOf(huge)).isEqualTo(
                "(file): is 3221225472 bytes; a ballast/v1 file may hold at most 1073741824 bytes (1 GiB)");
    }

    @Test
    void aFieldGivenTwiceInAStreamedVmIsRefusedAsInText() throws IOException {
        String text = """
                {"apiVersion": "ballast/v1", "kind": "ClusterSnapshot",
                 "hosts": [{"name": "h", "capacity": {"cpu": 32, "memoryMiB": 1024, "networkMbps": 10000}}],
                 "vms": [{"name": "v", "memoryMiB": 512, "vcpus": 1, "memoryMiB": 1024, "demand": {"cpu": 1}}]}
                """;
        Path file = dir.resolve("twice.json");
        Files.writeString(file, text);

        InputException streamed = catchThrowableOfType(InputException.class, () -> SnapshotReader.read(file));
        InputException parsed = catchThrowableOfType(InputException.class, () -> SnapshotReader.parse(text, file.toString()));

        assertThat(streamed.getMessage()).contains("Duplicate field 'memoryMiB'").isEqualTo(parsed.getMessage());
    }

    @Test
    void aReplacementCharacterWrittenInTheFileIsText() throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.parse(Examples.SNAPSHOT_HEADER
                + "hosts:\n  - name: h\uFFFDte\n    capacity: {cpu: 32, memoryMiB: 1024, networkMbps: 10000}\n", "s.yaml");

        assertThat(snapshot.hosts().get(0).name()).isEqualTo("h\uFFFDte");
    }

    @Test
    void aHugeYamlStringIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("long-string.yaml");
        Files.writeString(file, Examples.SNAPSHOT_HEADER + "hosts:\n  - name: " + "x".repeat(25_000_000) + "\n");

        assertThat(problemOf(file)).isEqualTo("line 4: is 25000010 characters long; a YAML line may hold at most 100000"
                + " (write long text over several lines, or use JSON)");
    }

    @Test
    void aHugeJsonStringIsRefusedQuickly() throws IOException {
        Path file = dir.resolve("long-string.json");
        Files.writeString(file, "{\"apiVersion\": \"ballast/v1\", \"kind\": \"ClusterSnapshot\", \"hosts\": [{\"name\": \""
                + "x".repeat(25_000_000) + "\"}]}");

        assertThat(problemOf(file)).contains("exceeds the maximum allowed");
    }

    @Test
    void integersAreDecimalAsInYaml12() throws Exception {
        assertThat(memoryOf("010")).isEqualTo(10);
        assertThat(memoryOf("09")).isEqualTo(9);
        assertThat(memoryOf("0x10")).isEqualTo(16);
        assertThat(memoryOf("1024.0")).isEqualTo(1024);
    }

    @Test
    void yaml11OnlyNumberFormsAreStrings() {
        for (String form : new String[] {"0b101", "1_024", "1:30", "0o17"}) {
            InputException e = catchThrowableOfType(InputException.class, () -> memoryOf(form));

            assertThat(e).as(form).isNotNull();
            assertThat(e.problems().get(0).toString()).as(form)
                    .isEqualTo("hosts[0].capacity.memoryMiB: expected an integer, got \"" + form + "\"");
        }
    }

    @Test
    void aQuotedNumberStaysAString() {
        InputException e = catchThrowableOfType(InputException.class, () -> memoryOf("\"010\""));

        assertThat(e.problems().get(0).message()).isEqualTo("expected an integer, got \"010\"");
    }

    @Test
    void aFileNameWithANewlineIsEscapedInTheMessage() {
        Path odd = dir.resolve("a\nPLAN: OK.yaml");

        InputException e = catchThrowableOfType(InputException.class, () -> SnapshotReader.read(odd));

        assertThat(e.getMessage()).contains("a\\nPLAN: OK.yaml: 1 problem:").doesNotContain("a\nPLAN");
    }

    @Test
    void aDocumentIsParsedOnceAndToldByItsKind() throws Exception {
        Document document = Document.read(Examples.SNAPSHOT);

        assertThat(document.kind()).contains("ClusterSnapshot");
        assertThat(SnapshotReader.read(document).hosts()).hasSize(4);
        assertThat(Document.parse("not: [closed", "x.yaml").kind()).isEmpty();
        assertThat(Document.parse("", "x.yaml").kind()).isEmpty();
    }

    private long memoryOf(String written) throws InputException {
        return SnapshotReader.parse(Examples.SNAPSHOT_HEADER + HOST.formatted(written), "s.yaml")
                .hosts().get(0).capacity().memoryMiB();
    }

    private static String problemOf(Path file) {
        long began = System.nanoTime();
        InputException e = catchThrowableOfType(InputException.class, () -> SnapshotReader.read(file));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(e).as(file + " must be refused").isNotNull();
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0).toString();
    }
}
