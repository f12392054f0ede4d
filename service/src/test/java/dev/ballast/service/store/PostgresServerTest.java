package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test server's own guard: without PostgreSQL's binaries the tests fail saying what to install. */
class PostgresServerTest {

    @Test
    void withoutTheBinariesTheTestsFailSayingToInstallThePackage(@TempDir Path empty) {
        assertThatThrownBy(() -> PostgresServer.requireBinaries(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the store tests need a real PostgreSQL 15 server and its binaries are not in " + empty
                        + ": install the Debian package postgresql (bin/test installs it)");
    }

    @Test
    void theBinariesAreWhereTheTestsLookForThem() {
        assertThatNoException().isThrownBy(() -> PostgresServer.requireBinaries(PostgresServer.BINARIES));
    }
}
