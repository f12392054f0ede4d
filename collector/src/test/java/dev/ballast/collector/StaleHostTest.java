package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hosts that do not answer are reported stale with the reason, in bounded time, and the others
 * are collected as usual. Everything stays on 127.0.0.1: a port that accepts connections and
 * never answers stands for a hung libvirtd, a closed port for a host that is down.
 */
class StaleHostTest {

    private static final Instant START = Instant.parse("2026-11-24T03:00:00Z");
    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aHostThatNeverAnswersIsStaleWithinTheTimeout() throws IOException {
        HostConfig silent = HostConfig.of("host-silent", "qemu+tcp://127.0.0.1:" + silentPort() + "/system");
        MutableClock clock = new MutableClock(START);
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(2),
                TestHosts.host("host-a", "host-a.xml"), silent), clock)) {
            long began = System.nanoTime();
            collector.sample();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            ClusterSnapshot snapshot = collector.snapshot();

            assertThat(took).isLessThan(Duration.ofSeconds(5));
            Host stale = snapshot.host("host-silent").orElseThrow();
            assertThat(stale.stale()).isNotNull();
            assertThat(stale.stale().since()).isEqualTo(START);
            assertThat(stale.stale().reason()).contains("127.0.0.1").contains("no answer within 2s");
            assertThat(snapshot.host("host-a").orElseThrow().isStale()).isFalse();
            assertThat(snapshot.vms()).extracting(v -> v.host()).containsOnly("host-a");
        }
    }

    @Test
    void aHostThatIsDownIsStaleWithLibvirtsReason() throws IOException {
        HostConfig down = HostConfig.of("host-down", "qemu+tcp://127.0.0.1:" + closedPort() + "/system");
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(5), down),
                new MutableClock(START))) {
            collector.sample();

            Host host = collector.snapshot().host("host-down").orElseThrow();
            assertThat(host.stale().reason()).contains("libvirt qemu+tcp://127.0.0.1:").contains("onnect");
            assertThat(collector.status()).singleElement().asString().startsWith("host-down: STALE since");
        }
    }

    @Test
    void aHostSilentForLongerThanStaleAfterTurnsStaleSinceItsLastSample() {
        MutableClock clock = new MutableClock(START);
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(10),
                TestHosts.host("host-a", "host-a.xml")), clock)) {
            collector.sample();
            clock.advance(Duration.ofSeconds(60)); // staleAfter is 60s: still fresh
            assertThat(collector.snapshot().host("host-a").orElseThrow().isStale()).isFalse();

            clock.advance(Duration.ofSeconds(1));
            Host host = collector.snapshot().host("host-a").orElseThrow();

            assertThat(host.stale().since()).isEqualTo(START);
            assertThat(host.stale().reason()).contains("has not answered since");
        }
    }

    /** A port that accepts connections (the kernel completes the handshake) and never says a word. */
    private int silentPort() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        opened.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    opened.add(socket);
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "silent-libvirtd");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    /** A port nothing listens on: bound, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return server.getLocalPort();
        }
    }

    @AfterEach
    void closeSockets() throws Exception {
        for (AutoCloseable c : List.copyOf(opened)) {
            c.close();
        }
    }
}
