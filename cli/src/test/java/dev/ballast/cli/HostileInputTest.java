package dev.ballast.cli;

import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What a careless script or a new user may hand the command line, beyond the bad-file corpus:
 * files that are not files, options that name nothing, outputs that must not be replaced, and a
 * standard output that cannot be written. Each gets its answer at once; the timeout is the net for
 * one that would block (a FIFO), wide enough for a loaded machine.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {

    @TempDir
    Path dir;
    private Path snapshot;

    @BeforeEach
    void aSmallCluster() {
        snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(3, 6, 1));
    }

    @Test
    void aDeviceAsSnapshotIsRefusedWithoutReadingIt() {
        assumeThat(Path.of("/dev/zero")).exists();

        Run run = refused("plan", "--snapshot", "/dev/zero", "--policy", "balance");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("/dev/zero: 1 problem:", "is not a regular file");
    }

    @Test
    void aFifoAsSnapshotIsRefusedWithoutBlocking() throws Exception {
        Path fifo = fifo("snapshot.fifo");

        Run validate = refused("validate", fifo.toString());
        Run plan = refused("plan", "--snapshot", fifo.toString(), "--policy", "balance");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.err()).contains(fifo + ": 1 problem:", "is not a regular file");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    }

    @Test
    void anEmptyPolicyNameIsRefusedAsSuch() {
        Run run = refused("plan", "--snapshot", snapshot.toString(), "--policy", "");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--policy '': empty; give a built-in policy (balance, consolidate, relieve) or a policy file")
                .doesNotContain("Is a directory");
    }

    @Test
    void aTimeLimitTooLongIsRefusedAsTooLong() {
        Run run = refused("plan", "--snapshot", snapshot.toString(), "--policy", "balance",
                "--time-limit", "9999999999s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("'9999999999s' is too long a duration: at most 9 digits");
    }

    @Test
    void anOutputThatIsNotARegularFileIsNeverReplaced() throws Exception {
        Path fifo = fifo("plan.fifo");

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance", "--time-limit", "1s",
                "--output", fifo.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--output " + fifo + ": is not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    @Test
    void aRewrittenOutputKeepsItsModeAndALinkStaysALink() throws IOException {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "old");
        Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), plan.getFileName());

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance", "--time-limit", "1s",
                "--seed", "1", "--output", link.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(plan)).contains("\"kind\": \"MigrationPlan\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plan))).isEqualTo("rw-r-----");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aStdoutThatCannotBeWrittenFailsTheCommandWithTheReason() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(Stdout.over(full));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("validate", snapshot.toString());

        assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("ballast validate: cannot write to standard output: No space left on device");
    }

    /** Runs ballast and checks it answered within 5 s, as a refusal must. */
    private static Run refused(String... args) {
        long began = System.nanoTime();
        Run run = Run.ballast(args);
        assertThat((System.nanoTime() - began) / 1e9).as(run.toString()).isLessThan(5);
        return run;
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).isZero();
        return fifo;
    }
}
