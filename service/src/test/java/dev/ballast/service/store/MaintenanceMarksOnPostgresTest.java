package dev.ballast.service.store;

/** {@link MaintenanceMarksTest} on a real PostgreSQL server ({@link PostgresServer}). */
class MaintenanceMarksOnPostgresTest extends MaintenanceMarksTest {

    @Override
    TestStores kind() {
        return TestStores.POSTGRESQL;
    }
}
