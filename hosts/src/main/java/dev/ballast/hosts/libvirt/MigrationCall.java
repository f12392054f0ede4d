package dev.ballast.hosts.libvirt;

import dev.ballast.hosts.MigrationParameters;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

/**
 * The flags and typed parameters of one virDomainMigrate3 call: always live, persistent on the
 * destination and undefined on the source; auto-converge, post-copy and parallel streams when
 * asked; the destination's migration link and the bandwidth cap as parameters. (The downtime
 * limit is no parameter: it is set on the domain before the call.)
 */
record MigrationCall(int flags, TypedParameter[] parameters) {

    static MigrationCall of(MigrationParameters settings) {
        return new MigrationCall(flags(settings), parameters(settings));
    }

    static int flags(MigrationParameters settings) {
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PERSIST_DEST | Domain.MigrateFlags.UNDEFINE_SOURCE;
        if (settings.autoConverge()) {
            flags |= Domain.MigrateFlags.AUTO_CONVERGE;
        }
        if (settings.postCopy()) {
            flags |= Domain.MigrateFlags.POSTCOPY;
        }
        if (settings.parallelConnections() > 1) {
            flags |= Domain.MigrateFlags.PARALLEL;
        }
        return flags;
    }

    static TypedParameter[] parameters(MigrationParameters settings) {
        List<TypedParameter> params = new ArrayList<>();
        if (settings.migrationUri() != null) {
            params.add(new TypedStringParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_URI,
                    settings.migrationUri()));
        }
        if (settings.bandwidthMiBps() != null) {
            params.add(new TypedUlongParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_BANDWIDTH,
                    settings.bandwidthMiBps()));
        }
        if (settings.parallelConnections() > 1) {
            params.add(new TypedIntParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS,
                    settings.parallelConnections()));
        }
        return params.toArray(new TypedParameter[0]);
    }

    /** The parameters as {@code name=value}, for the log. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (TypedParameter p : parameters) {
            parts.add(p.field + "=" + p.getValueAsString());
        }
        return String.join(", ", parts);
    }
}
