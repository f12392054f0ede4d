package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password of the store's database comes from {@code store.passwordFile}; a file that cannot
 * be read is refused, naming the field and the file, before any database is asked.
 */
class StoreSettingsTest {

    /** Nothing listens there: a test that got as far as connecting would fail otherwise. */
    private static final String URL = "jdbc:postgresql://127.0.0.1:1/ballast";

    @TempDir
    Path dir;

    private StoreSettingsException refused(Path passwordFile) {
        return catchThrowableOfType(StoreSettingsException.class,
                () -> Database.of(new ServiceConfig.Store(URL, "ballast", passwordFile), dir));
    }

    @Test
    void aMissingPasswordFileIsRefusedNamingTheFieldAndTheFile() {
        Path file = dir.resolve("db-password");

        assertThat(refused(file)).hasMessage("store.passwordFile: " + file
                + ": the password file cannot be read: no such file");
    }

    @Test
    void anEmptyPasswordFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("db-password"), " \n");

        assertThat(refused(file)).hasMessage("store.passwordFile: " + file
                + ": the password file is empty; write the database user's password in it");
    }

    @Test
    void aDirectoryIsNoPasswordFile() {
        assertThat(refused(dir)).hasMessageStartingWith("store.passwordFile: " + dir
                + ": the password file cannot be read: ");
    }

    @Test
    void withoutAStoreSectionTheStoreIsTheEmbeddedFileOfTheDataDirectory() throws StoreSettingsException {
        try (Database db = Database.of(null, dir)) {
            assertThat(db.vendor()).isEqualTo(Vendor.H2);
            assertThat(dir.resolve("ballast.mv.db")).exists();
        }
    }
}
