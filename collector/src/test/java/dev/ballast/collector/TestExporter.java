package dev.ballast.collector;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A node_exporter stand-in served on 127.0.0.1 with counters that grow at known rates, for any
 * number of hosts from one target: each series carries its host's {@code instance} label (the
 * scrape config must honour labels). Values follow the wall clock, as a real machine's would.
 */
final class TestExporter implements AutoCloseable {

    /**
     * What one simulated host does.
     *
     * @param instance the instance label, e.g. {@code h1:9100}
     * @param userCores cores busy in user mode; half as much again is spent in system mode
     * @param memoryUsedBytes MemTotal less MemAvailable
     * @param eth0RxBytesPerSecond eth0 receives this; it sends half of it; eth1 does the reverse
     */
    record SimulatedHost(String instance, double userCores, long memoryUsedBytes, double eth0RxBytesPerSecond) {

        double busyCores() {
            return userCores * 1.5;
        }
    }

    private static final long MEM_TOTAL = 256L << 30;
    private static final double LOOPBACK_BYTES_PER_SECOND = 5e9; // must not count: lo is not a NIC

    private final List<SimulatedHost> hosts;
    private final long startNanos = System.nanoTime();
    private final HttpServer server;

    TestExporter(List<SimulatedHost> hosts) throws IOException {
        this.hosts = List.copyOf(hosts);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, for a scrape config. */
    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String metrics() {
        double t = (System.nanoTime() - startNanos) / 1e9 + 1000; // counters that do not start at 0
        StringBuilder text = new StringBuilder(hosts.size() * 1200);
        text.append("# TYPE node_cpu_seconds_total counter\n");
        for (SimulatedHost h : hosts) {
            line(text, "node_cpu_seconds_total", h, "cpu=\"0\",mode=\"user\"", h.userCores() * t);
            line(text, "node_cpu_seconds_total", h, "cpu=\"0\",mode=\"system\"", h.userCores() * 0.5 * t);
            line(text, "node_cpu_seconds_total", h, "cpu=\"0\",mode=\"idle\"", 8 * t);
            line(text, "node_cpu_seconds_total", h, "cpu=\"0\",mode=\"iowait\"", 0.25 * t);
        }
        text.append("# TYPE node_memory_MemTotal_bytes gauge\n");
        hosts.forEach(h -> line(text, "node_memory_MemTotal_bytes", h, null, MEM_TOTAL));
        text.append("# TYPE node_memory_MemAvailable_bytes gauge\n");
        hosts.forEach(h -> line(text, "node_memory_MemAvailable_bytes", h, null, MEM_TOTAL - h.memoryUsedBytes()));
        network(text, "node_network_receive_bytes_total", t, 1.0, 0.5);
        network(text, "node_network_transmit_bytes_total", t, 0.5, 1.0);
        return text.toString();
    }

    private void network(StringBuilder text, String metric, double t, double eth0Share, double eth1Share) {
        text.append("# TYPE ").append(metric).append(" counter\n");
        for (SimulatedHost h : hosts) {
            line(text, metric, h, "device=\"eth0\"", h.eth0RxBytesPerSecond() * eth0Share * t);
            line(text, metric, h, "device=\"eth1\"", h.eth0RxBytesPerSecond() * eth1Share * t);
            line(text, metric, h, "device=\"lo\"", LOOPBACK_BYTES_PER_SECOND * t);
        }
    }

    private static void line(StringBuilder text, String metric, SimulatedHost h, String labels, double value) {
        text.append(metric).append("{instance=\"").append(h.instance()).append('"');
        if (labels != null) {
            text.append(',').append(labels);
        }
        text.append("} ").append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
