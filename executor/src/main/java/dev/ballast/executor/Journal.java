package dev.ballast.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only record of a plan's runs, one JSON object a line, each line synced to disk
 * before the executor goes on: what is in the journal happened, or was about to. Every entry has
 * an {@code event} and an {@code at} time; step entries name the step (counted from 1 in the
 * plan), its VM and hosts. A half-written last line (a crash while writing) is ignored when the
 * journal is read back. The events are listed in docs/executor.md.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final List<JsonNode> entries;
    private final FileChannel channel; // null: read-only, entries are kept in memory only (dry runs)

    private Journal(Path file, Clock clock, List<JsonNode> entries, FileChannel channel) {
        this.file = file;
        this.clock = clock;
        this.entries = entries;
        this.channel = channel;
    }

    /** Opens a journal for appending, reading what an earlier run left in it. */
    static Journal open(Path file, Clock clock) throws IOException {
        return open(file, clock, true);
    }

    /** Reads a journal without changing it: appended entries stay in memory. For dry runs. */
    static Journal readOnly(Path file, Clock clock) throws IOException {
        return open(file, clock, false);
    }

    private static Journal open(Path file, Clock clock, boolean writable) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    JsonNode entry = JSON.readTree(line);
                    if (!entry.isObject()) {
                        throw new IOException(file + ": line " + (i + 1) + " is not a journal entry (a JSON object"
                                + " with event and at), got " + (entry.isContainerNode() ? "a list" : entry.getNodeType()));
                    }
                    entries.add(entry);
                } catch (JsonProcessingException e) {
                    if (i < lines.size() - 1) {
                        throw new IOException(file + ": line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
                    }
                    LOG.warn("{}: ignoring its last line, cut short by a crash", file);
                }
            }
        } else if (writable && file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        FileChannel channel = !writable ? null : FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Journal(file, clock, entries, channel);
    }

    /**
     * The journal's lines, each decoded strictly: a line that is not UTF-8 (the file is damaged,
     * or not a journal) is named with its number and the offending byte.
     */
    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int start = 0, number = 1; start < bytes.length; number++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            ByteBuffer line = ByteBuffer.wrap(bytes, start, end - start);
            try {
                lines.add(decoder.decode(line).toString());
            } catch (CharacterCodingException e) {
                int at = line.position();
                throw new IOException(String.format(java.util.Locale.ROOT,
                        "%s: line %d is not UTF-8 text (byte 0x%02X at column %d); the journal is damaged or not a"
                                + " Ballast journal", file, number, bytes[at] & 0xff, at - start + 1));
            }
            start = end + 1;
        }
        return lines;
    }

    Path file() {
        return file;
    }

    /** Every entry so far, earlier runs' included, oldest first. */
    List<JsonNode> entries() {
        return List.copyOf(entries);
    }

    /** Appends one entry and syncs it to disk. Values are written as Jackson writes them; nulls are left out. */
    void append(String event, Map<String, ?> fields) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("event", event);
        entry.put("at", clock.instant().toString());
        fields.forEach((key, value) -> {
            if (value != null) {
                entry.set(key, JSON.valueToTree(value));
            }
        });
        if (channel == null) {
            entries.add(entry);
            return;
        }
        try {
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append to the journal: " + e.getMessage(), e);
        }
        entries.add(entry);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
