package dev.ballast.service.jobs;

import dev.ballast.service.store.TestStores;

/** {@link CronJobsTest} on a real PostgreSQL server ({@link dev.ballast.service.store.PostgresServer}). */
class CronJobsOnPostgresTest extends CronJobsTest {

    @Override
    TestStores kind() {
        return TestStores.POSTGRESQL;
    }
}
