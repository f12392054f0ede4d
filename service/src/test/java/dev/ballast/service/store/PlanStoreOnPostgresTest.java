package dev.ballast.service.store;

/** {@link PlanStoreTest} on a real PostgreSQL server ({@link PostgresServer}). */
class PlanStoreOnPostgresTest extends PlanStoreTest {

    @Override
    TestStores kind() {
        return TestStores.POSTGRESQL;
    }
}
