package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.ballast.model.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Logging in to a real PostgreSQL server ({@link PostgresServer}, password authentication by
 * SCRAM) with the password of {@code store.passwordFile}: a refused login says why in the
 * server's words, and no password, right or wrong, shows in an error or a log line, even at
 * DEBUG (the pool, Flyway, Quartz and the service's own loggers are caught; the JDBC driver logs
 * through java.util.logging, off by default).
 */
class PostgresLoginTest {

    private static final List<String> LOGGERS = List.of("com.zaxxer.hikari", "org.flywaydb", "org.quartz",
            "dev.ballast");
    private static final String WRONG = "wrong-password-6f1c0e";

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private ServiceConfig.Store store;

    @BeforeEach
    void catchLogsAtDebug() {
        store = PostgresServer.shared().createDatabase();
        logs.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.DEBUG);
            logger.setAdditive(false);
            logger.addAppender(logs);
        }
    }

    @AfterEach
    void restoreLogs() {
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(logs);
            logger.setAdditive(true);
            logger.setLevel(null);
        }
    }

    @Test
    void theRightPasswordOpensTheStoreAndShowsNowhere() {
        try (Database db = Database.of(store, dir)) {
            assertThat(db.vendor()).isEqualTo(Vendor.POSTGRESQL);
            assertThat(db.toString()).isEqualTo(store.url() + " as ballast");
        } catch (StoreSettingsException e) {
            throw new AssertionError(e);
        }

        assertThat(logs.list).as("the pool logs at DEBUG").isNotEmpty();
        assertThat(logged()).doesNotContain(PostgresServer.shared().password());
    }

    @Test
    void aWrongPasswordIsRefusedInTheServersWordsAndShowsNowhere() throws IOException {
        Path file = Files.writeString(dir.resolve("db-password"), WRONG + "\n");

        StoreException e = catchThrowableOfType(StoreException.class,
                () -> Database.of(new ServiceConfig.Store(store.url(), store.user(), file), dir));

        assertThat(e).hasMessageContaining("opening the store at " + store.url() + " as ballast")
                .hasMessageContaining("password authentication failed for user \"ballast\"");
        assertThat(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(e)))
                .doesNotContain(WRONG).doesNotContain(PostgresServer.shared().password());
        assertThat(logged()).doesNotContain(WRONG).doesNotContain(PostgresServer.shared().password());
    }

    @Test
    void withoutAPasswordFileAServerThatAsksForOneRefusesTheLogin() {
        StoreException e = catchThrowableOfType(StoreException.class,
                () -> Database.of(new ServiceConfig.Store(store.url(), store.user(), null), dir));

        assertThat(e).hasMessageContaining("opening the store at " + store.url())
                .hasMessageContaining("no password was provided");
    }

    /** Every line logged, with its stack trace. */
    private String logged() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            all.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return all.toString();
    }
}
