package dev.ballast.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The cloud-balancing data sets copied into the test resources. */
final class TestData {

    private TestData() {
    }

    static Path cloudBalancingDir() {
        try {
            return Path.of(TestData.class.getResource("/cloudbalancing").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path dataSet(String name) {
        return cloudBalancingDir().resolve(name + ".json");
    }
}
