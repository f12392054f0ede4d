package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

class SuitesTest {

    @Test
    void aSuiteNameSelectsAllItsCases() throws Exception {
        assertThat(Suites.select(List.of("generated"), 1, null)).extracting(BenchCase::name).containsExactly(
                "100-hosts-balance", "100-hosts-consolidate", "1000-hosts-balance", "1000-hosts-consolidate",
                "5000-hosts-balance", "5000-hosts-consolidate");
    }

    @Test
    void aPatternSelectsSomeCasesAndEachCaseRunsOnce() throws Exception {
        List<BenchCase> cases = Suites.select(List.of("generated/100-hosts-*", "generated/100-hosts-balance",
                "identical-consolidation"), 1, null);
        assertThat(cases).extracting(BenchCase::id).containsExactly("generated/100-hosts-balance",
                "generated/100-hosts-consolidate", "identical-consolidation/1000-hosts-5000-vms",
                "identical-consolidation/1000-hosts-5000-vms-built-in",
                "identical-consolidation/1000-hosts-5000-vms-no-power");
    }

    @Test
    void theOverloadSuitePlansEachClusterWithRelieveAndEachLevelOfBalance() throws Exception {
        List<BenchCase> cases = Suites.select(List.of("overload/100-*"), 1, null);
        assertThat(cases).extracting(BenchCase::name).containsExactly("100-hosts-4-hot-relieve",
                "100-hosts-4-hot-balance-1", "100-hosts-4-hot-balance-2", "100-hosts-4-hot-balance-3",
                "100-hosts-4-hot-balance-4", "100-hosts-4-hot-balance-5");
        assertThat(cases).allMatch(BenchCase::overload);
    }

    @Test
    void cloudBalancingCasesRunSmallestFirstWithTheirBestKnownCost() throws Exception {
        List<BenchCase> cases = Suites.select(List.of("cloudbalancing"), 1, TestData.cloudBalancingDir());
        assertThat(cases).extracting(BenchCase::name).containsExactly("2computers-6processes",
                "4computers-12processes");
        assertThat(cases).extracting(BenchCase::bestKnownCost).containsExactly(5460.0, 7410.0);
    }

    @Test
    void anUnknownSuiteIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Suites.select(List.of("tpc"), 1, null)).isInstanceOf(BenchInputException.class)
                .hasMessageContaining("--suite tpc: no such suite").hasMessageContaining("balance-1000");
    }

    @Test
    void aPatternMatchingNothingListsTheCases() {
        assertThatThrownBy(() -> Suites.select(List.of("generated/7-hosts"), 1, null))
                .isInstanceOf(BenchInputException.class)
                .hasMessageContaining("--suite generated/7-hosts: matches no case").hasMessageContaining("100-hosts-balance");
    }

    @Test
    void missingDataIsAnErrorNamingTheDirectoryNotASilentSkip() {
        assertThatThrownBy(() -> Suites.select(List.of("cloudbalancing"), 1, Path.of("no/such/dir")))
                .isInstanceOf(BenchInputException.class).hasMessageContaining("--data no/such/dir: no such directory");
    }
}
