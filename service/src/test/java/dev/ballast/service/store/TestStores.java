package dev.ballast.service.store;

import dev.ballast.model.ServiceConfig;
import java.nio.file.Path;

/**
 * The databases the store's tests run on. Each test gets a store of its own, empty at first: on
 * H2 the embedded file in the test's directory, on PostgreSQL a fresh database of the
 * {@link PostgresServer shared test server}.
 */
public enum TestStores {
    H2,
    POSTGRESQL;

    /** A new, empty store for one test; {@code dataDir} is the test's own directory. */
    public TestStore fresh(Path dataDir) {
        return new TestStore(this == H2 ? null : PostgresServer.shared().createDatabase(), dataDir);
    }

    /**
     * One test's store, opened as the service opens it ({@link Database#of}): the same database
     * each time, as often as the test likes (a restart of the service is a close and an open).
     *
     * @param settings null for the embedded file in {@code dataDir}
     */
    public record TestStore(ServiceConfig.Store settings, Path dataDir) {

        public Database open() {
            try {
                return Database.of(settings, dataDir);
            } catch (StoreSettingsException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
