package dev.ballast.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A host failure says which host, what was being done, and the driver's own words. */
class HostExceptionTest {

    @Test
    void theMessageNamesTheHostTheOperationAndLibvirtsReason() {
        HostException e = new HostException("host-02", "migrating vm-01 to host-03", "unable to connect to server", 38,
                null);

        assertThat(e.getMessage()).isEqualTo("host-02: migrating vm-01 to host-03: unable to connect to server");
        assertThat(e.host()).isEqualTo("host-02");
        assertThat(e.operation()).isEqualTo("migrating vm-01 to host-03");
        assertThat(e.detail()).isEqualTo("unable to connect to server");
        assertThat(e.code()).isEqualTo(38);
    }

    @Test
    void aFailureWithoutAReasonSaysSo() {
        HostException e = new HostException("host-01", "powering on", "  ");

        assertThat(e.getMessage()).isEqualTo("host-01: powering on: no reason given");
        assertThat(e.code()).isZero();
    }
}
