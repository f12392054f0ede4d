package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared corpus of bad files ({@code src/test/resources/bad}): each must be refused with a
 * message that names the file and contains the text {@code EXPECTED.tsv} gives for it. Policies
 * are read here with {@link FakeGoals}; the cli's corpus test reads them with the real goals.
 */
class BadFilesTest {

    private static final Path TABLE = Examples.BAD.resolve("EXPECTED.tsv");
    private static final Set<String> NOT_CASES = Set.of("EXPECTED.tsv", "README.md");

    static Stream<Arguments> expectations() throws IOException {
        return Files.readAllLines(TABLE).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t", 2))
                .map(columns -> Arguments.of(columns[0], columns[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void isRefusedWithTheExpectedProblem(String fileName, String expected) {
        Path file = Examples.BAD.resolve(fileName);

        InputException e = catchThrowableOfType(InputException.class, () -> read(file));

        assertThat(e).as(fileName + " must be refused").isNotNull();
        assertThat(e.getMessage()).contains(fileName).contains(expected);
    }

    /** {@code validate} checks a snapshot without keeping its VMs, and must say just what a load says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshots")
    void aSnapshotIsRefusedByTheCheckAsByTheLoad(String fileName) {
        Path file = Examples.BAD.resolve(fileName);

        assertThat(SnapshotOutcomes.checked(file)).isEqualTo(SnapshotOutcomes.loaded(file));
    }

    static Stream<String> snapshots() throws IOException {
        return expectations().map(a -> (String) a.get()[0]).filter(name -> name.startsWith("snapshot-"));
    }

    @Test
    void everyFileOfTheCorpusHasAnExpectation() throws IOException {
        List<String> listed = expectations().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(Examples.BAD)) {
            List<String> present = files.map(f -> f.getFileName().toString())
                    .filter(name -> !NOT_CASES.contains(name)).toList();

            assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    void aFileWithSeveralProblemsReportsThemAll() {
        InputException e = catchThrowableOfType(InputException.class,
                () -> read(Examples.BAD.resolve("snapshot-many-problems.yaml")));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "hosts[0].capacity.memoryMiB: must be > 0, got -1",
                "hosts[1].name: required",
                "vms[0].vcpus: must be > 0, got 0");
    }

    private static Object read(Path file) throws InputException {
        String name = file.getFileName().toString();
        if (name.startsWith("snapshot-")) {
            return SnapshotReader.read(file);
        }
        if (name.startsWith("policy-")) {
            return PolicyReader.read(file, FakeGoals.INSTANCE);
        }
        if (name.startsWith("plan-")) {
            return PlanReader.read(file);
        }
        if (name.startsWith("cluster-")) {
            return ClusterConfigReader.read(file);
        }
        if (name.startsWith("service-")) {
            return ServiceConfigReader.read(file);
        }
        if (name.startsWith("whatif-")) {
            return WhatIfReader.read(file);
        }
        throw new IllegalArgumentException(name + ": name it snapshot-*, policy-*, plan-*, cluster-*, service-* or whatif-*");
    }
}
