package dev.ballast.hosts.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.hosts.HostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner of power tools: secrets fed on stdin come back from a tool that repeats them as {@code ***}. */
class ToolRunnerTest {

    private static final String SECRET = "s3cret-Pa55";
    private final ToolRunner runner = new ToolRunner("host-02", Duration.ofSeconds(20));

    @Test
    void whatAToolRepeatsOfASecretIsScrubbedFromItsAnswerAndFromTheError() throws HostException {
        ToolResult result = runner.run("switching on", List.of("sh", "-c", "cat; echo \"rejected: $(cat)\" >&2; exit 3"),
                Map.of(), "password=" + SECRET + "\n", List.of(SECRET));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("password=***\n");
        HostException error = result.failure("host-02", "switching on");
        assertThat(error).hasMessage("host-02: switching on: sh exited with code 3: rejected:; password=***")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aToolThatOverrunsIsKilledAndWhatItSaidIsScrubbedToo() {
        ToolRunner quick = new ToolRunner("host-02", Duration.ofMillis(500));

        assertThatThrownBy(() -> quick.run("switching off", List.of("sh", "-c", "echo \"trying $(head -c 11)\"; sleep 30"),
                Map.of(), SECRET, List.of(SECRET)))
                .hasMessage("host-02: switching off: sh gave no answer within 500ms and was killed: trying ***");
    }
}
