package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The harness from options to files, on a data set small enough to know its optimum exactly. */
class CloudBalancingEndToEndTest {

    @Test
    void reachesTheExactOptimumOfTheFourComputerSetInTwoSeconds(@TempDir Path dir) throws Exception {
        BenchOptions options = new BenchOptions(List.of("cloudbalancing/4computers-12processes"),
                Duration.ofSeconds(2), dir, 1, TestData.cloudBalancingDir());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Bench.run(options, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).as(err.toString()).isEqualTo(Bench.OK);
        JsonNode result = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).at("/cases/0");
        assertThat(result.get("valid").asBoolean()).isTrue();
        // Best known soft score -7,410, proven optimal by exhaustive search.
        assertThat(result.get("powerAfterWatts").asDouble()).isEqualTo(7410.0);
        assertThat(result.get("ratioToBestKnown").asDouble()).isEqualTo(1.0);
        assertThat(result.get("newVmsPlaced").asInt()).isEqualTo(12);
        assertThat(result.get("migrations").asInt()).isZero();
        assertThat(out.toString()).contains("| cloudbalancing | 4computers-12processes |");
    }
}
