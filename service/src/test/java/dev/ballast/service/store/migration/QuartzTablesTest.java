package dev.ballast.service.store.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuartzTablesTest {

    @Test
    void keepsCreatesAndAltersAndLeavesOutDropsCommitsAndComments() {
        List<String> statements = V10__quartz_job_store.statements("""
                -- a comment; with a semicolon
                DROP TABLE IF EXISTS QRTZ_LOCKS;
                CREATE TABLE QRTZ_LOCKS
                (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  PRIMARY KEY (SCHED_NAME)
                );
                  -- indented comment
                create index idx on QRTZ_LOCKS(SCHED_NAME);
                commit;
                """);

        assertThat(statements).containsExactly(
                "CREATE TABLE QRTZ_LOCKS\n(\n  SCHED_NAME VARCHAR(120) NOT NULL,\n  PRIMARY KEY (SCHED_NAME)\n)",
                "create index idx on QRTZ_LOCKS(SCHED_NAME)");
    }
}
