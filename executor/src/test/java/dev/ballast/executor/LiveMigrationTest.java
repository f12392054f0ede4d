package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;

/** The flags and typed parameters each migration is made with. */
class LiveMigrationTest {

    @Test
    void byDefaultLivePersistentOnTheDestinationUndefinedOnTheSourceOverTheLink() {
        MigrationSettings defaults = MigrationSettings.defaults();

        assertThat(LiveMigration.flags(defaults)).isEqualTo(
                Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PERSIST_DEST | Domain.MigrateFlags.UNDEFINE_SOURCE);
        TypedParameter[] params = LiveMigration.parameters(defaults, "198.18.0.2");
        assertThat(params).hasSize(1);
        assertThat(params[0].field).isEqualTo("migrate_uri");
        assertThat(params[0].getValueAsString()).isEqualTo("tcp://198.18.0.2");
    }

    @Test
    void everySettingBecomesItsFlagOrParameter() {
        MigrationSettings all = new MigrationSettings(2000L, 4, 100L, true, Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMillis(500));

        assertThat(LiveMigration.flags(all) & Domain.MigrateFlags.AUTO_CONVERGE).isNotZero();
        assertThat(LiveMigration.flags(all) & Domain.MigrateFlags.POSTCOPY).isNotZero();
        assertThat(LiveMigration.flags(all) & Domain.MigrateFlags.PARALLEL).isNotZero();
        TypedParameter[] params = LiveMigration.parameters(all, "fd00::2");
        assertThat(params).extracting(p -> p.field + "=" + p.getValueAsString())
                .containsExactly("migrate_uri=tcp://[fd00::2]", "bandwidth=2000", "parallel.connections=4");
    }
}
