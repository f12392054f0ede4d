package dev.ballast.service.store;

/** {@link MaintenanceMarksTest} on the embedded H2 file. */
class MaintenanceMarksOnH2Test extends MaintenanceMarksTest {

    @Override
    TestStores kind() {
        return TestStores.H2;
    }
}
