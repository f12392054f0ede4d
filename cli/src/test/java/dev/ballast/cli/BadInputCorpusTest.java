package dev.ballast.cli;

import dev.ballast.formats.Document;
import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of the formats module's bad-input corpus is refused with exit code 2, naming the
 * file and the problem, and writing nothing: snapshots and policies by {@code validate} and
 * {@code plan}, plans by {@code check-plan}, cluster files by {@code collect} (see its README).
 */
class BadInputCorpusTest {

    private static final Path CORPUS = Path.of("../formats/src/test/resources/bad");

    @TempDir
    static Path dir;
    private static Path goodSnapshot;

    @BeforeAll
    static void writeAGoodSnapshot() {
        goodSnapshot = TestFiles.snapshot(dir, "good.yaml", ClusterGenerator.mixed(4, 20, 1));
    }

    static Stream<Arguments> corpus() throws IOException {
        return all().filter(a -> a.get()[0].toString().matches("(snapshot|policy)-.*"));
    }

    static Stream<Arguments> plans() throws IOException {
        return all().filter(a -> a.get()[0].toString().startsWith("plan-"));
    }

    static Stream<Arguments> clusters() throws IOException {
        return all().filter(a -> a.get()[0].toString().startsWith("cluster-"));
    }

    private static Stream<Arguments> all() throws IOException {
        return Files.readAllLines(CORPUS.resolve("EXPECTED.tsv")).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t", 2))
                .map(cells -> Arguments.of(cells[0], cells[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void checkPlanRefusesIt(String name, String expected) {
        Run run = Run.ballast("check-plan", file(name), "--snapshot", goodSnapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void collectRefusesItAndWritesNothing(String name, String expected) {
        Path output = dir.resolve(name + ".snapshot.yaml");
        Run run = Run.ballast("collect", "--cluster", file(name), "--output", output.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
        assertThat(output).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void validateRefusesItAsTheKindItsNameSays(String name, String expected) {
        Run run = Run.ballast("validate", "--kind", kindByName(name), file(name));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
        assertThat(run.out()).isEmpty();
    }

    /**
     * Without --kind the file's own kind decides; a file that declares the other kind is judged
     * as that kind and may even be valid (a policy named snapshot-wrong-kind is a fine policy).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void validateRefusesItByItsOwnKind(String name, String expected) {
        Run run = Run.ballast("validate", file(name));

        if (declaresTheOtherKind(name)) {
            assertThat(run.exitCode()).as(run.toString()).isIn(0, 2);
        } else {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void planRefusesItAndWritesNothing(String name, String expected) {
        Path output = dir.resolve(name + ".plan.json");
        Run run = name.startsWith("policy-")
                ? plan("--snapshot", goodSnapshot.toString(), "--policy", file(name), "--output", output.toString())
                : plan("--snapshot", file(name), "--policy", "balance", "--output", output.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
        assertThat(run.out()).isEmpty();
        assertThat(output).doesNotExist();
    }

    private static Run plan(String... args) {
        String[] all = Stream.concat(Stream.of("plan", "--time-limit", "1s"), Stream.of(args)).toArray(String[]::new);
        return Run.ballast(all);
    }

    private static String file(String name) {
        return CORPUS.resolve(name).toString();
    }

    private static String kindByName(String name) {
        return name.startsWith("policy-") ? "policy" : "snapshot";
    }

    private static boolean declaresTheOtherKind(String name) {
        try {
            return DocumentKind.of(Document.read(CORPUS.resolve(name))) != DocumentKind.valueOf(kindByName(name).toUpperCase());
        } catch (Exception e) {
            return false;
        }
    }
}
