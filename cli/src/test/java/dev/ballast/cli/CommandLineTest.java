package dev.ballast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors are bad input (exit 2) and say which option is wrong. */
class CommandLineTest {

    /** --verbose changes logback's levels for the whole JVM; later tests expect logback.xml's. */
    @AfterAll
    static void restoreLogLevels() {
        ((Logger) LoggerFactory.getLogger("dev.ballast")).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.optaplanner")).setLevel(Level.WARN);
    }

    @Test
    void noCommandIsBadInput() {
        Run run = Run.ballast();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("Missing command");
    }

    @Test
    void anUnknownCommandIsBadInput() {
        assertThat(Run.ballast("plna").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnknownOptionIsBadInput() {
        Run run = Run.ballast("plan", "--snapshot", "s.yaml", "--policy", "balance", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--frobnicate");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        Run run = Run.ballast("plan", "--snapshot", "s.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--policy");
    }

    @Test
    void aBadDurationNamesTheOption() {
        Run run = Run.ballast("plan", "--snapshot", "s.yaml", "--policy", "balance", "--time-limit", "abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--time-limit").contains("'abc'").contains("30s");
    }

    @Test
    void aBadFormatIsBadInput() {
        Run run = Run.ballast("plan", "--snapshot", "s.yaml", "--policy", "balance", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run run = Run.ballast("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan", "validate", "demo", "Exit codes");
    }

    @Test
    void verboseIsAcceptedOnAnyCommandAndRaisesTheLogLevel() {
        assertThat(Run.ballast("validate", "--verbose", "--help").exitCode()).isZero();
        assertThat(Run.ballast("-v", "validate", "--help").exitCode()).isZero();
        assertThat(LoggerFactory.getLogger("dev.ballast").isDebugEnabled()).isTrue();
    }
}
