package dev.ballast.hosts.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.MigrationParameters;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;

/** The flags and typed parameters each migration is made with. */
class MigrationCallTest {

    @Test
    void byDefaultLivePersistentOnTheDestinationUndefinedOnTheSourceOverTheLink() {
        MigrationParameters defaults = MigrationParameters.defaults()
                .withMigrationUri(MigrationParameters.linkUri("198.18.0.2"));

        assertThat(MigrationCall.flags(defaults)).isEqualTo(
                Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PERSIST_DEST | Domain.MigrateFlags.UNDEFINE_SOURCE);
        TypedParameter[] params = MigrationCall.parameters(defaults);
        assertThat(params).hasSize(1);
        assertThat(params[0].field).isEqualTo("migrate_uri");
        assertThat(params[0].getValueAsString()).isEqualTo("tcp://198.18.0.2");
    }

    @Test
    void everySettingBecomesItsFlagOrParameter() {
        MigrationParameters all = new MigrationParameters(2000L, 4, 100L, true, true,
                MigrationParameters.linkUri("fd00::2"));

        assertThat(MigrationCall.flags(all) & Domain.MigrateFlags.AUTO_CONVERGE).isNotZero();
        assertThat(MigrationCall.flags(all) & Domain.MigrateFlags.POSTCOPY).isNotZero();
        assertThat(MigrationCall.flags(all) & Domain.MigrateFlags.PARALLEL).isNotZero();
        assertThat(MigrationCall.parameters(all)).extracting(p -> p.field + "=" + p.getValueAsString())
                .containsExactly("migrate_uri=tcp://[fd00::2]", "bandwidth=2000", "parallel.connections=4");
    }

    @Test
    void noLinkMeansLibvirtsDefaultAddress() {
        assertThat(MigrationParameters.linkUri(null)).isNull();
        assertThat(MigrationCall.parameters(MigrationParameters.defaults())).isEmpty();
    }
}
