package dev.ballast.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.formats.ServiceConfigReader;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The files the package puts in /etc/ballast are valid as shipped: the service starts on them once edited. */
class ExampleFilesTest {

    private static final Path ETC = Path.of("src/deb/etc/ballast").toAbsolutePath();

    @Test
    void theServiceFileReadsAndNamesTheClusterFileBesideIt() throws Exception {
        ServiceConfig service = ServiceConfigReader.read(ETC.resolve("service.yaml"));

        assertThat(service.dataDir()).isEqualTo(Path.of("/var/lib/ballast"));
        assertThat(service.cluster()).isEqualTo(ETC.resolve("cluster.yaml"));
        assertThat(service.http().host()).isEqualTo("127.0.0.1");
        assertThat(service.http().tokenFile()).isEqualTo(ETC.resolve("token"));
        assertThat(service.store()).as("the embedded H2 store unless an operator names PostgreSQL").isNull();
        assertThat(service.jobs()).extracting(Job::name).containsExactly("nightly-consolidation", "overload-watch");
    }

    @Test
    void theClusterFileReads() throws Exception {
        ClusterConfig cluster = ClusterConfigReader.read(ETC.resolve("cluster.yaml"));

        assertThat(cluster.hosts()).hasSize(2);
    }
}
