package dev.ballast.collector;

import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Hosts served by libvirt's in-process test driver, one node XML file each (src/test/resources/nodes). */
final class TestHosts {

    private TestHosts() {
    }

    /** {@code test:///ABSOLUTE/PATH/host-a.xml} for a file of the nodes directory. */
    static String uri(String nodeFile) {
        try {
            Path file = Path.of(TestHosts.class.getResource("/nodes/" + nodeFile).toURI());
            return "test://" + file.toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HostConfig host(String name, String nodeFile) {
        return HostConfig.of(name, uri(nodeFile));
    }

    /** A configuration of libvirt hosts only, with the given timeout and the default smoothing. */
    static ClusterConfig config(Duration timeout, HostConfig... hosts) {
        return new ClusterConfig(List.of(hosts), timeout, null, ClusterConfig.Smoothing.DEFAULT,
                ClusterConfig.DEFAULT_STALE_AFTER);
    }
}
