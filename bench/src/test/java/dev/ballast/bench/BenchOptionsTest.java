package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

class BenchOptionsTest {

    @Test
    void readsEveryOption() throws Exception {
        BenchOptions options = BenchOptions.parse("--suite", "cloudbalancing,generated/100-*", "--time-limit", "60s",
                "--output-dir", "out", "--seed", "42", "--data", "data");
        assertThat(options).isEqualTo(new BenchOptions(List.of("cloudbalancing", "generated/100-*"),
                Duration.ofSeconds(60), Path.of("out"), 42, Path.of("data")));
    }

    @Test
    void withoutOptionsRunsEverySuiteWithTheirOwnLimits() throws Exception {
        assertThat(BenchOptions.parse()).isEqualTo(BenchOptions.defaults());
    }

    @Test
    void aBadValueIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse("--time-limit", "60")).hasMessageStartingWith("--time-limit: '60'");
        assertThatThrownBy(() -> BenchOptions.parse("--time-limit", "0")).hasMessageStartingWith("--time-limit 0:");
        assertThatThrownBy(() -> BenchOptions.parse("--seed", "x")).hasMessageStartingWith("--seed x:");
        assertThatThrownBy(() -> BenchOptions.parse("--suites", "x")).hasMessageStartingWith("--suites: unknown option");
        assertThatThrownBy(() -> BenchOptions.parse("--seed")).hasMessageStartingWith("--seed: needs a value");
    }
}
