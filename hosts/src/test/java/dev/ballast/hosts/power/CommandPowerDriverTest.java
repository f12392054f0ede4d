package dev.ballast.hosts.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command driver with small scripts standing for an operator's tools (a PDU's, a vendor's):
 * how status is read from exit code and words, that no shell runs unless asked, and the time
 * limit, which kills a tool that hangs together with what it started.
 */
class CommandPowerDriverTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Path state;

    @BeforeEach
    void aPduScript() throws IOException {
        state = dir.resolve("state");
        Files.writeString(state, "on\n");
        script("pdu", """
                #!/bin/sh
                # pdu on|off|status: a PDU outlet that remembers its state in a file.
                case $1 in
                    on|off) echo "$1" >"$(dirname "$0")/state" ;;
                    status) [ "$(cat "$(dirname "$0")/state")" = on ] && echo "Outlet 7: ON" || exit 2 ;;
                    *) echo "pdu: unknown action $1" >&2; exit 64 ;;
                esac
                """);
    }

    @Test
    void switchesOffAndOnAndReadsTheStateFromExitCodeAndWords() throws Exception {
        CommandPowerDriver driver = driver(List.of(pdu(), "status"));

        assertThat(driver.status()).isEqualTo(PowerState.ON); // exit 0, "Outlet 7: ON"
        driver.off();
        assertThat(Files.readString(state)).isEqualTo("off\n");
        assertThat(driver.status()).isEqualTo(PowerState.OFF); // exit 2
        driver.on();
        assertThat(driver.status()).isEqualTo(PowerState.ON);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Chassis Power is on|ON",
        "Status: OFF|OFF",
        "off|OFF",
        "  \\n  power=On.|ON",
        "Outlet 7: ON\\nOutlet 8: OFF|ON",
        "on and running|",
        "unknown|",
        "''|"})
    void statusIsTheLastWordOfTheFirstNonBlankLine(String output, PowerState expected) {
        assertThat(CommandPowerDriver.stateIn(output.replace("\\n", "\n"))).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void aStatusThatSaysNeitherIsAnErrorWithWhatItSaid() throws Exception {
        script("status", "#!/bin/sh\necho 'outlet 7 is warming up'\n");

        assertThatThrownBy(() -> driver(List.of(dir.resolve("status").toString())).status())
                .hasMessage("host-04: reading the power state: " + dir.resolve("status")
                        + " (exit code 0) did not say on or off as the last word of its first line; it said: outlet 7"
                        + " is warming up");
    }

    @Test
    void aCommandThatFailsIsAnErrorWithItsExitCodeAndStderr() {
        CommandPowerDriver driver = new CommandPowerDriver("host-04", new Command(List.of(pdu(), "boot"),
                List.of(pdu(), "off"), List.of(pdu(), "status"), LIMIT));

        assertThatThrownBy(driver::on).hasMessage("host-04: switching on: " + pdu()
                + " exited with code 64: pdu: unknown action boot");
    }

    @Test
    void argumentsReachTheCommandAsTheyAreWithoutAShell() throws Exception {
        Path touched = dir.resolve("a; touch injected $HOME `id -u` $(id -u) > b");
        CommandPowerDriver driver = new CommandPowerDriver("host-04", new Command(List.of(pdu(), "on"),
                List.of("touch", touched.toString()), List.of(pdu(), "status"), LIMIT));

        driver.off();

        assertThat(touched).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("pdu", "state",
                    touched.getFileName().toString());
        }
    }

    @Test
    void aShellRunsWhenTheOperatorAsksForOne() throws Exception {
        CommandPowerDriver driver = driver(List.of("sh", "-c", "test \"$(cat '" + state + "')\" = on && echo on || echo off"));

        assertThat(driver.status()).isEqualTo(PowerState.ON);
        Files.writeString(state, "off\n");
        assertThat(driver.status()).isEqualTo(PowerState.OFF);
    }

    @Test
    void aCommandThatIsNotThereIsAnErrorSayingSo() {
        assertThatThrownBy(() -> driver(List.of(dir.resolve("no-such-tool").toString())).status())
                .hasMessageStartingWith("host-04: reading the power state: " + dir.resolve("no-such-tool")
                        + " could not be run: ");
    }

    @Test
    void aCommandThatHangsIsKilledAtTheTimeLimitWithWhatItStartedAndTheErrorSaysSo() throws Exception {
        // It says something, starts a child that would outlive it, and hangs.
        script("hang", """
                #!/bin/sh
                echo "asking the PDU..."
                sleep 300 &
                echo $! >"$(dirname "$0")/child.pid"
                sleep 300
                """);
        CommandPowerDriver driver = new CommandPowerDriver("host-04", new Command(List.of(pdu(), "on"),
                List.of(pdu(), "off"), List.of(dir.resolve("hang").toString()), Duration.ofSeconds(1)));
        long began = System.nanoTime();

        assertThatThrownBy(driver::status).hasMessage("host-04: reading the power state: " + dir.resolve("hang")
                + " gave no answer within 1s and was killed: asking the PDU...");

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        assertThat(gone(child)).as("the hung command's child %d was killed", child).isTrue();
    }

    @Test
    void whatAToolSaysIsCutShortInTheError() throws Exception {
        script("chatty", "#!/bin/sh\nfor i in $(seq 1 2000); do echo \"line $i of a long complaint\"; done\nexit 1\n");

        assertThatThrownBy(() -> driver(List.of(dir.resolve("chatty").toString())).status())
                .hasMessageStartingWith("host-04: reading the power state: " + dir.resolve("chatty")
                        + " exited with code 1: line 1 of a long complaint; line 2 of")
                .hasMessageEndingWith("...")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
    }

    private static boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return false;
    }

    private CommandPowerDriver driver(List<String> status) {
        return new CommandPowerDriver("host-04", new Command(List.of(pdu(), "on"), List.of(pdu(), "off"), status,
                LIMIT));
    }

    private String pdu() {
        return dir.resolve("pdu").toString();
    }

    private void script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
