package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each kind of snapshot problem, with the exact path it is reported at. */
class SnapshotProblemsTest {

    /** One active host with storage and a bridge, one standby host. */
    private static final String HOSTS = """
            hosts:
              - name: h1
                capacity: {cpu: 8, memoryMiB: 16384, networkMbps: 1000}
                storage: [nfs]
                bridges: [br0]
              - {name: h2, state: standby, capacity: {cpu: 16, memoryMiB: 65536, networkMbps: 1000}}
            """;

    private static String withHosts(String rest) {
        return Examples.SNAPSHOT_HEADER + HOSTS + rest;
    }

    private static String withVm(String vm) {
        return withHosts("vms:\n  - " + vm + "\n");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("missing required host field", Examples.SNAPSHOT_HEADER + """
                        hosts: [{name: h1, capacity: {cpu: 8, networkMbps: 1000}}]
                        """, "hosts[0].capacity.memoryMiB", "required"),
                Arguments.of("unknown field", Examples.SNAPSHOT_HEADER + """
                        hosts: [{name: h1, colour: red, capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}}]
                        """, "hosts[0].colour", "unknown field (known: name, state, capacity, migrationLink,"),
                Arguments.of("number given as a string",
                        withVm("{name: v1, memoryMiB: 1024, vcpus: \"four\", demand: {cpu: 1}}"),
                        "vms[0].vcpus", "expected an integer, got \"four\""),
                Arguments.of("YAML boolean where a name is expected", Examples.SNAPSHOT_HEADER + """
                        hosts: [{name: no, capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}}]
                        """, "hosts[0].name", "expected a string, got false (put it in quotes if it is meant as text)"),
                Arguments.of("fraction where an integer is required",
                        withVm("{name: v1, memoryMiB: 8192.5, vcpus: 1, demand: {cpu: 1}}"),
                        "vms[0].memoryMiB", "expected an integer, got 8192.5"),
                Arguments.of("object where a number is required",
                        withVm("{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: {now: 1}}}"),
                        "vms[0].demand.cpu", "expected a number, got an object"),
                Arguments.of("string where a list is required",
                        withVm("{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}, bridges: br0}"),
                        "vms[0].bridges", "expected a list, got \"br0\""),
                Arguments.of("negative demand",
                        withVm("{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: -1}}"),
                        "vms[0].demand.cpu", "must be >= 0, got -1"),
                Arguments.of("zero capacity", Examples.SNAPSHOT_HEADER + """
                        hosts: [{name: h1, capacity: {cpu: 0, memoryMiB: 1024, networkMbps: 1}}]
                        """, "hosts[0].capacity.cpu", "must be > 0, got 0"),
                Arguments.of("zero vcpus", withVm("{name: v1, memoryMiB: 1024, vcpus: 0, demand: {cpu: 1}}"),
                        "vms[0].vcpus", "must be > 0, got 0"),
                Arguments.of("negative migration link speed", Examples.SNAPSHOT_HEADER + """
                        hosts:
                          - name: h1
                            capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}
                            migrationLink: {address: 10.0.0.1, mbps: -10}
                        """, "hosts[0].migrationLink.mbps", "must be > 0, got -10"),
                Arguments.of("max power below idle power", Examples.SNAPSHOT_HEADER + """
                        hosts:
                          - name: h1
                            capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}
                            power: {idleWatts: 200, maxWatts: 100}
                        """, "hosts[0].power.maxWatts", "must be >= idleWatts (200), got 100"),
                Arguments.of("no hosts", Examples.SNAPSHOT_HEADER + "hosts: []\n",
                        "hosts", "must list at least one host"),
                Arguments.of("duplicate host", Examples.SNAPSHOT_HEADER + """
                        hosts:
                          - {name: h1, capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}}
                          - {name: h1, capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}}
                        """, "hosts[1].name", "duplicate host name \"h1\" (first used at hosts[0])"),
                Arguments.of("duplicate VM", withHosts("""
                        vms:
                          - {name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}
                          - {name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}
                        """), "vms[1].name", "duplicate VM name \"v1\""),
                Arguments.of("duplicate group", withHosts("""
                        vms: [{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}]
                        groups:
                          - {name: g, rule: affinity, vms: [v1]}
                          - {name: g, rule: affinity, vms: [v1]}
                        """), "groups[1].name", "duplicate group name \"g\""),
                Arguments.of("VM on an unknown host",
                        withVm("{name: v1, host: h9, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}"),
                        "vms[0].host", "no host named \"h9\""),
                Arguments.of("VM on a standby host",
                        withVm("{name: v1, host: h2, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}"),
                        "vms[0].host", "host \"h2\" is standby (powered off) and cannot run VMs"),
                Arguments.of("last migration not an instant",
                        withVm("{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}, lastMigratedAt: yesterday}"),
                        "vms[0].lastMigratedAt",
                        "expected an ISO-8601 instant such as 2026-11-24T03:00:00Z, got \"yesterday\""),
                Arguments.of("last migration without a time zone", withVm(
                        "{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}, lastMigratedAt: \"2026-11-24T03:00\"}"),
                        "vms[0].lastMigratedAt", "expected an ISO-8601 instant"),
                Arguments.of("pinned VM without a host",
                        withVm("{name: v1, pinned: true, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}"),
                        "vms[0].pinned", "a pinned VM must have a host"),
                Arguments.of("group of an unknown VM", withHosts("""
                        vms: [{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}]
                        groups: [{name: g, rule: affinity, vms: [v1, v9]}]
                        """), "groups[0].vms[1]", "no VM named \"v9\""),
                Arguments.of("VM twice in a group", withHosts("""
                        vms: [{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}]
                        groups: [{name: g, rule: affinity, vms: [v1, v1]}]
                        """), "groups[0].vms[1]", "\"v1\" is listed twice"),
                Arguments.of("empty group", withHosts("""
                        vms: [{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}]
                        groups: [{name: g, rule: affinity, vms: []}]
                        """), "groups[0].vms", "must list at least one VM"),
                Arguments.of("unknown host state", Examples.SNAPSHOT_HEADER + """
                        hosts: [{name: h1, state: drained, capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 1}}]
                        """, "hosts[0].state", "unknown value \"drained\" (allowed: active, maintenance, standby)"),
                Arguments.of("unknown group rule", withHosts("""
                        vms: [{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}]
                        groups: [{name: g, rule: apart, vms: [v1]}]
                        """), "groups[0].rule", "unknown value \"apart\" (allowed: anti-affinity, affinity)"),
                Arguments.of("VM larger than any host",
                        withVm("{name: v1, memoryMiB: 32768, vcpus: 1, demand: {cpu: 1}, storage: nfs}"),
                        "vms[0]", "fits on no host: needs cpu 1, memoryMiB 32768, networkMbps 0, more than any"
                                + " host that is not standby and offers its storage and bridges (largest: cpu 8,"
                                + " memoryMiB 16384, networkMbps 1000)"),
                Arguments.of("VM needing storage no host mounts",
                        withVm("{name: v1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}, storage: ceph, bridges: [br0]}"),
                        "vms[0]", "fits on no host: needs storage \"ceph\" and bridges [br0]"),
                Arguments.of("wrong apiVersion", """
                        apiVersion: ballast/v2
                        kind: ClusterSnapshot
                        hosts: []
                        """, "apiVersion", "expected \"ballast/v1\", got \"ballast/v2\""),
                Arguments.of("wrong kind", Examples.POLICY_HEADER + "name: p\n",
                        "kind", "expected \"ClusterSnapshot\", got \"Policy\""),
                Arguments.of("missing kind", "apiVersion: ballast/v1\nhosts: []\n", "kind", "required"),
                Arguments.of("not an object", "- just\n- a list\n",
                        "(file)", "expected a ballast/v1 ClusterSnapshot (an object with apiVersion and kind), got a list"),
                Arguments.of("empty", "  \n", "(file)", "is empty; expected a ballast/v1 ClusterSnapshot"),
                Arguments.of("comments only", "# nothing yet\n", "(file)", "is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheProblemAtItsPath(String description, String text, String path, String message) {
        InputException e = catchThrowableOfType(InputException.class, () -> SnapshotReader.parse(text, "case.yaml"));

        assertThat(e).as("a snapshot with: " + description).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).startsWith(message);
        });
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        String text = Examples.SNAPSHOT_HEADER + """
                hosts:
                  - {name: h1, capacity: {cpu: -8, memoryMiB: 1024, networkMbps: 1}, colour: red}
                  - {name: h1, capacity: {cpu: 8, networkMbps: 1}}
                vms:
                  - {name: v1, host: h9, memoryMiB: 1024, vcpus: "four", demand: {cpu: -1}}
                groups:
                  - {name: g, rule: apart, vms: [v2]}
                """;

        assertThatThrownBy(() -> SnapshotReader.parse(text, "many.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .containsExactly("hosts[0].colour", "hosts[0].capacity.cpu", "hosts[1].capacity.memoryMiB",
                                "hosts[1].name", "vms[0].vcpus", "vms[0].demand.cpu", "vms[0].host",
                                "groups[0].rule", "groups[0].vms[0]"));
    }

    @Test
    void aReferenceToABrokenHostIsNotAlsoCalledDangling() {
        String text = Examples.SNAPSHOT_HEADER + """
                hosts: [{name: h1, capacity: {cpu: 8, memoryMiB: -1, networkMbps: 1}}]
                vms: [{name: v1, host: h1, memoryMiB: 1024, vcpus: 1, demand: {cpu: 1}}]
                """;

        assertThatThrownBy(() -> SnapshotReader.parse(text, "s.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("hosts[0].capacity.memoryMiB", "must be > 0, got -1")));
    }

    @Test
    void aParseErrorGivesTheParsersLineAndColumn() {
        String text = "{\n  \"apiVersion\": \"ballast/v1\",\n  \"kind\" \"ClusterSnapshot\"\n}\n";

        assertThatThrownBy(() -> SnapshotReader.parse(text, "broken.json"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .singleElement().extracting(Problem::path).isEqualTo("line 3, column 10"));
    }

    @Test
    void aDuplicateKeyIsAParseError() {
        String text = Examples.SNAPSHOT_HEADER + "hosts: []\nhosts: []\n";

        assertThatThrownBy(() -> SnapshotReader.parse(text, "dup.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.path()).startsWith("line 4");
                            assertThat(p.message()).contains("hosts");
                        }));
    }
}
