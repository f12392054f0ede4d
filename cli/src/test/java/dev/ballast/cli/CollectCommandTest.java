package dev.ballast.cli;

import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballast collect} end to end against libvirt's in-process test driver (a node XML file
 * with one running domain), then {@code ballast plan} on what it wrote.
 */
class CollectCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesASnapshotThatPlanReadsUnchanged() throws Exception {
        Path node = Files.writeString(dir.resolve("node.xml"), """
                <node>
                  <cpu><mhz>2400</mhz><model>x86_64</model><active>8</active>
                    <nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>2</threads></cpu>
                  <memory>33554432</memory>
                  <domain type='test'>
                    <name>test</name><memory unit='MiB'>2048</memory><vcpu>2</vcpu><os><type>hvm</type></os>
                  </domain>
                </node>
                """);
        Path cluster = Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - {name: host-01, libvirtUri: "test://%s"}
                """.formatted(node.toAbsolutePath()));
        Path snapshot = dir.resolve("snapshot.yaml");

        Run collect = Run.ballast("collect", "--cluster", cluster.toString(), "--interval", "100ms",
                "--output", snapshot.toString());
        Run plan = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance", "--time-limit", "1s");

        assertThat(collect.exitCode()).as(collect.toString()).isZero();
        assertThat(collect.err()).contains("sample 2/2").contains("host-01: ok, 1 VMs").contains("wrote " + snapshot);
        ClusterSnapshot read = SnapshotReader.read(snapshot);
        assertThat(read.vm("test")).hasValueSatisfying(vm -> assertThat(vm.host()).isEqualTo("host-01"));
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
    }

    @Test
    void aBadClusterFileIsBadInput() throws Exception {
        Path cluster = Files.writeString(dir.resolve("cluster.yaml"), "apiVersion: ballast/v1\nkind: Cluster\nhosts: []\n");

        Run run = Run.ballast("collect", "--cluster", cluster.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cluster.yaml").contains("hosts: must list at least one host");
    }

    @Test
    void watchNeedsAnOutputFile() throws Exception {
        Path cluster = Files.writeString(dir.resolve("cluster.yaml"), "apiVersion: ballast/v1\nkind: Cluster\nhosts: []\n");

        Run run = Run.ballast("collect", "--cluster", cluster.toString(), "--watch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--watch rewrites a file: give --output SNAPSHOT");
    }
}
