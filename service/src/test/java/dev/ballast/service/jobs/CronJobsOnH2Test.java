package dev.ballast.service.jobs;

import dev.ballast.service.store.TestStores;

/** {@link CronJobsTest} on the embedded H2 file. */
class CronJobsOnH2Test extends CronJobsTest {

    @Override
    TestStores kind() {
        return TestStores.H2;
    }
}
