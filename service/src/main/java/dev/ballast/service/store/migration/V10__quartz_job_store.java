package dev.ballast.service.store.migration;

import dev.ballast.service.store.Vendor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The tables of Quartz's JDBC job store (the cron schedules' triggers, shared by services that
 * cluster on one database), created from the script Quartz ships in its own jar for the store's
 * database: the tables always match the Quartz version on the class path, and the project keeps
 * no copy of them. The script's DROPs and COMMIT are left out: the tables are made once, by this
 * migration, in Flyway's transaction. The class name is Flyway's: version 10, "quartz job store".
 */
public final class V10__quartz_job_store extends BaseJavaMigration {

    private static final String SCRIPTS = "org/quartz/impl/jdbcjobstore/";

    @Override
    public void migrate(Context context) throws Exception {
        Vendor vendor = Vendor.of(context.getConnection());
        String script = switch (vendor) {
            case H2 -> "tables_h2.sql";
            case POSTGRESQL -> "tables_postgres.sql";
        };
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(read(SCRIPTS + script))) {
                statement.execute(sql);
            }
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = org.quartz.Scheduler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not in Quartz's jar: the job store's tables cannot be made");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's CREATE and ALTER statements, without comments; its DROPs and COMMIT are not wanted here. */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        script.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> code.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String part : code.toString().split(";")) {
            String sql = part.strip();
            String verb = sql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !verb.equals("DROP") && !verb.equals("COMMIT")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
