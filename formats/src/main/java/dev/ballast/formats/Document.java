package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A file read and parsed once, before it is known which kind of {@code ballast/v1} document it
 * holds: {@code validate} looks at its {@code kind} and hands it to that kind's reader, so a
 * 200 MB snapshot is parsed once, not once to tell its kind and again to read it. A file that
 * does not parse is kept with its problem, which the reader of whatever kind reports.
 *
 * <p>A {@code *.json} file's size and type are checked when it is read, its bytes (UTF-8, still
 * within the size limit) as its reader parses it, as a stream ({@link CheckedInput}): a reader that can (the snapshot reader) reads it straight from the disk
 * without building the tree of the whole file, which for 2.3 million VMs took gigabytes of heap
 * and most of the time. Its kind is read from the first fields of the file, where Ballast
 * writes it.
 */
public final class Document {

    private final String source;
    private final JsonNode root;
    private final Path json;
    private final InputException failure;
    private final boolean empty;

    private Document(String source, JsonNode root, Path json, InputException failure, boolean empty) {
        this.source = source;
        this.root = root;
        this.json = json;
        this.failure = failure;
        this.empty = empty;
    }

    /**
     * Reads a file: a {@code *.json} file is checked and left to be parsed as a stream, any other
     * is parsed here.
     *
     * @throws InputException when the file cannot be read at all: missing, not a regular file,
     *                        too large, not UTF-8 (see {@code docs/input.md}); a {@code *.json}
     *                        file's bytes are checked by its reader, as it parses them
     */
    public static Document read(Path file) throws InputException {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            Documents.checkStreamable(file);
            return new Document(file.toString(), null, file, null, false);
        }
        return parse(Documents.readFile(file), file.toString());
    }

    /** @param source the name to report problems under, usually the file name */
    public static Document parse(String text, String source) {
        if (text.isBlank()) {
            return new Document(source, null, null, null, true);
        }
        try {
            JsonNode root = Documents.parseTree(text, source);
            boolean empty = root == null || root.isMissingNode() || root.isNull();
            return new Document(source, empty ? null : root, null, null, empty);
        } catch (InputException e) {
            return new Document(source, null, null, e, false);
        }
    }

    public String source() {
        return source;
    }

    /** The {@code kind} the document declares, when it parsed into an object with a string {@code kind}. */
    public Optional<String> kind() {
        if (json != null) {
            return streamedKind();
        }
        if (root == null || !root.isObject() || !root.path("kind").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(root.get("kind").textValue());
    }

    // Reads up to the kind, skipping what comes before it; what is wrong past it is its reader's to report.
    private Optional<String> streamedKind() {
        try (JsonParser parser = Mappers.streaming(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("kind")) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The parsed root, or an InputException when the file is empty or does not parse. */
    JsonNode root(String kind) throws InputException {
        if (json != null) {
            // Small kinds of document are read as a tree; the file was checked when it was read.
            return parse(Documents.readFile(json), source).root(kind);
        }
        if (failure != null) {
            throw failure;
        }
        if (empty) {
            // A YAML file of comments only parses to nothing.
            throw Documents.empty(source, kind);
        }
        return root;
    }

    /** True for a JSON file left to be parsed as a stream by {@link #parser}; false for a parsed tree, {@link #root}. */
    boolean isStreamed() {
        return json != null;
    }

    /** The problem of the document when a parser of {@link #parser} stopped at a syntax error. */
    InputException parseFailure(JsonProcessingException e) {
        return json != null ? Documents.parseFailure(json, source, e) : Documents.parseFailure(source, e);
    }

    /**
     * A parser at the start of the JSON file, for a reader that reads it as a stream (see
     * {@link #isStreamed}). The caller closes it.
     *
     * @throws IOException when the file cannot be read any more
     */
    JsonParser parser() throws IOException {
        return Mappers.streaming(CheckedInput.open(json));
    }

    /**
     * The problem of a document whose {@link #parser} failed to read: the file's own (not UTF-8,
     * grown too large) or that it could not be read.
     */
    InputException readFailure(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CheckedInput.Refused refused) {
                return refused.problem();
            }
        }
        return Documents.unreadable(source, e);
    }

    /**
     * What to report when a reader stops at {@code found} before the end of the file: the file's
     * own problem when the rest of it is not UTF-8 (as when the whole file was checked before
     * parsing), else {@code found}.
     */
    InputException stoppedAt(JsonParser parser, InputException found) {
        if (parser.getInputSource() instanceof CheckedInput in) {
            try {
                in.checkRest();
            } catch (IOException e) {
                return readFailure(e);
            }
        }
        return found;
    }

    /**
     * Checks that the whole file is UTF-8 and within the size limit, for a caller that refuses
     * the document without having read it through: the file's own problem comes first. A file
     * read as a tree was checked when it was read.
     *
     * @throws InputException the file's problem
     */
    public void checkText() throws InputException {
        if (json != null) {
            Documents.checkText(json);
        }
    }
}
