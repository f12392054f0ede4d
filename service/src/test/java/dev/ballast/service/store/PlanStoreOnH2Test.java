package dev.ballast.service.store;

/** {@link PlanStoreTest} on the embedded H2 file. */
class PlanStoreOnH2Test extends PlanStoreTest {

    @Override
    TestStores kind() {
        return TestStores.H2;
    }
}
