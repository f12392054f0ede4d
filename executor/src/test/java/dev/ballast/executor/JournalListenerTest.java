package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.executor.RunEvent.Measurement;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal as a listener: typed events become the JSON lines earlier executors wrote and read. */
class JournalListenerTest {

    private static final Instant AT = Instant.parse("2026-11-24T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);
    private static final Migration MOVE = new Migration("vm-01", "host-01", "host-02", false, null);

    @TempDir
    Path dir;

    @Test
    void eventsAreWrittenAsTheLinesEarlierRunsWrote() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            JournalListener listener = new JournalListener(journal);
            listener.on(new RunEvent.RunStarted(AT, "plan.json", "abc", 2, "balance", false));
            listener.on(new RunEvent.StepStarted(AT, 1, MOVE, "tcp://198.18.0.2"));
            listener.on(new RunEvent.StepDone(AT, 1, MOVE, new Measurement(2.5, 2.0, 1.5, 30L, 512.0, false),
                    new Whereabouts("vm-01", List.of("host-02"), List.of())));
            listener.on(new RunEvent.StepSkipped(AT, 2, new PowerOff("host-01"), "no power driver configured for host-01"));
            listener.on(new RunEvent.RunFinished(AT, new RunReport("plan.json", file.toString(), AT.toString(),
                    AT.toString(), RunReport.Outcome.COMPLETED, null, List.of()), null, null));
        }

        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"event\":\"run\",\"at\":\"2026-11-24T03:00:00Z\",\"plan\":\"plan.json\",\"planSha256\":\"abc\",\"steps\":2,\"policy\":\"balance\"}",
                "{\"event\":\"start\",\"at\":\"2026-11-24T03:00:00Z\",\"step\":1,\"vm\":\"vm-01\",\"from\":\"host-01\",\"to\":\"host-02\",\"migrationUri\":\"tcp://198.18.0.2\"}",
                "{\"event\":\"done\",\"at\":\"2026-11-24T03:00:00Z\",\"step\":1,\"vm\":\"vm-01\",\"from\":\"host-01\",\"to\":\"host-02\",\"wallSeconds\":2.5,\"callSeconds\":2.0,\"libvirtSeconds\":1.5,\"downtimeMs\":30,\"dataMiB\":512.0,\"runningOn\":[\"host-02\"]}",
                "{\"event\":\"skipped\",\"at\":\"2026-11-24T03:00:00Z\",\"step\":2,\"action\":\"power-off\",\"host\":\"host-01\",\"reason\":\"no power driver configured for host-01\"}",
                "{\"event\":\"finished\",\"at\":\"2026-11-24T03:00:00Z\"}");
        try (Journal read = Journal.open(file, CLOCK)) {
            List<JournalEntry> entries = read.entries().stream().map(JournalEntry::of).toList();
            assertThat(entries.get(0).planSha256()).isEqualTo("abc");
            assertThat(entries.get(2).outcomeEvent()).isEqualTo("done");
            assertThat(entries.get(3).host()).isEqualTo("host-01");
            assertThat(Reconciliation.lastEvents(read.entries())).containsEntry(1, "done").containsEntry(2, "skipped");
        }
    }

    @Test
    void progressIsWrittenEveryTwoSecondsOfAStep() throws IOException {
        Path file = dir.resolve("plan.journal.jsonl");
        MigrationProgress stats = new MigrationProgress(MigrationProgress.Job.RUNNING, 100, 1024, 512, 512, 100, 10,
                30, 1);
        try (Journal journal = Journal.open(file, CLOCK)) {
            JournalListener listener = new JournalListener(journal);
            for (int ms = 0; ms <= 5_000; ms += 500) {
                listener.on(new RunEvent.Progress(AT, 1, MOVE, stats, Duration.ofMillis(ms)));
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(3); // at 0, 2 and 4 seconds
    }
}
