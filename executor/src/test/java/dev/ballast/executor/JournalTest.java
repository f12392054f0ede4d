package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: one JSON object a line, read back across runs, a crash's half line ignored. */
class JournalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void entriesAreReadBackByTheNextRunWithTheirTime() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("start", Map.of("step", 1, "vm", "vm-01"));
        }

        try (Journal next = Journal.open(file, CLOCK)) {
            assertThat(next.entries()).hasSize(1);
            assertThat(next.entries().get(0).path("event").asText()).isEqualTo("start");
            assertThat(next.entries().get(0).path("at").asText()).isEqualTo("2026-11-24T03:00:00Z");
            assertThat(next.entries().get(0).path("step").asInt()).isEqualTo(1);
            assertThat(next.entries().get(0).path("vm").asText()).isEqualTo("vm-01");
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aLastLineCutShortByACrashIsIgnored() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        Files.writeString(file, "{\"event\":\"start\",\"step\":1}\n{\"event\":\"progr");

        try (Journal journal = Journal.open(file, CLOCK)) {
            assertThat(journal.entries()).hasSize(1);
            assertThat(Reconciliation.lastEvents(journal.entries())).containsEntry(1, "start");
        }
    }

    @Test
    void aBrokenLineInTheMiddleIsAnError() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        Files.writeString(file, "{\"event\":\"start\",\"step\":1}\nnot json\n{\"event\":\"done\",\"step\":1}\n");

        assertThatThrownBy(() -> Journal.open(file, CLOCK)).isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }

    @Test
    void aLineThatIsNotUtf8IsNamedWithItsByte() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.write(file, "{\"event\":\"run\",\"at\":\"2026-11-24T03:00:00Z\"}\n{\"event\":\"caf\u00e9\"}\n{}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Journal.open(file, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": line 2 is not UTF-8 text (byte 0xE9 at column 14); the journal is damaged or not"
                        + " a Ballast journal");
    }

    @Test
    void aLineThatIsJsonButNotAnEntryIsAnError() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "42\n{}\n");

        assertThatThrownBy(() -> Journal.open(file, CLOCK))
                .hasMessageContaining("line 1 is not a journal entry");
    }

    @Test
    void aDryRunWritesNothing() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        try (Journal journal = Journal.readOnly(file, CLOCK)) {
            journal.append("run", Map.of("steps", 3));
            assertThat(journal.entries()).hasSize(1);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void theLastOutcomeOfEachStepCountsAndProgressSaysNothing() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"event\":\"start\",\"step\":1}", "{\"event\":\"done\",\"step\":1}",
                "{\"event\":\"start\",\"step\":2}", "{\"event\":\"progress\",\"step\":2}",
                "{\"event\":\"aborted\",\"step\":2}", "{\"event\":\"reconciled\",\"step\":2,\"outcome\":\"not-done\"}",
                "{\"event\":\"start\",\"step\":3}", "{\"event\":\"progress\",\"step\":3}", ""),
                StandardOpenOption.CREATE);

        try (Journal journal = Journal.open(file, CLOCK)) {
            assertThat(Reconciliation.lastEvents(journal.entries()))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(1, "done", 2, "reconciled-not-done", 3, "start"));
        }
    }
}
