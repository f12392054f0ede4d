package dev.ballast.service;

import dev.ballast.executor.RunEvent;
import dev.ballast.executor.RunListener;
import dev.ballast.service.store.Journals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a plan's journal file into the store after each event of its run (progress reports
 * aside: they reach the store with the next event), so that the service that takes the run over
 * finds it there; and writes it back into the data directory before a run. The journal hears
 * every event first, so a step is in the store's copy before its migration starts.
 */
final class JournalCopy implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(JournalCopy.class);

    private final Journals journals;
    private final long plan;
    private final long token;
    private final Path file;
    private boolean refused;

    JournalCopy(Journals journals, long plan, long token, Path file) {
        this.journals = journals;
        this.plan = plan;
        this.token = token;
        this.file = file;
    }

    /**
     * Writes the store's copy of the plan's journal to {@code file}, over what the data directory
     * held: the store's copy is the latest, whichever service wrote it. Without a copy the file is
     * left as it is (a store made before journals were copied).
     */
    static void restore(Journals journals, long plan, Path file) throws IOException {
        Optional<String> copy = journals.find(plan);
        if (copy.isPresent()) {
            Files.writeString(file, copy.get(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.Progress || refused) {
            return;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the journal to copy it into the store", e);
        }
        if (!journals.save(plan, token, content)) {
            // A service with a newer lease token wrote it: this one lost the lease, and stops before its next step.
            refused = true;
            LOG.warn("the journal of plan {} is no longer copied by this service: a service with a newer run lease"
                    + " token has written it", plan);
        }
    }
}
