package dev.ballast.service.store;

/** {@link DatabaseTest} on the embedded H2 file. */
class DatabaseOnH2Test extends DatabaseTest {

    @Override
    TestStores kind() {
        return TestStores.H2;
    }

    @Override
    Vendor vendor() {
        return Vendor.H2;
    }
}
