package dev.ballast.service.store;

/** {@link DatabaseTest} on a real PostgreSQL server ({@link PostgresServer}). */
class DatabaseOnPostgresTest extends DatabaseTest {

    @Override
    TestStores kind() {
        return TestStores.POSTGRESQL;
    }

    @Override
    Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
