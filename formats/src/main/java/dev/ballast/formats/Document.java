package dev.ballast.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file read and parsed once, before it is known which kind of {@code ballast/v1} document it
 * holds: {@code validate} looks at its {@code kind} and hands it to that kind's reader, so a
 * 200 MB snapshot is parsed once, not once to tell its kind and again to read it. A file that
 * does not parse is kept with its problem, which the reader of whatever kind reports.
 */
public final class Document {

    private final String source;
    private final JsonNode root;
    private final InputException failure;
    private final boolean empty;

    private Document(String source, JsonNode root, InputException failure, boolean empty) {
        this.source = source;
        this.root = root;
        this.failure = failure;
        this.empty = empty;
    }

    /**
     * Reads and parses a file.
     *
     * @throws InputException when the file cannot be read at all: missing, not a regular file,
     *                        too large, not UTF-8 (see {@code docs/input.md})
     */
    public static Document read(Path file) throws InputException {
        return parse(Documents.readFile(file), file.toString());
    }

    /** @param source the name to report problems under, usually the file name */
    public static Document parse(String text, String source) {
        if (text.isBlank()) {
            return new Document(source, null, null, true);
        }
        try {
            JsonNode root = Documents.parseTree(text, source);
            boolean empty = root == null || root.isMissingNode() || root.isNull();
            return new Document(source, empty ? null : root, null, empty);
        } catch (InputException e) {
            return new Document(source, null, e, false);
        }
    }

    public String source() {
        return source;
    }

    /** The {@code kind} the document declares, when it parsed into an object with a string {@code kind}. */
    public Optional<String> kind() {
        if (root == null || !root.isObject() || !root.path("kind").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(root.get("kind").textValue());
    }

    /** The parsed root, or an InputException when the file is empty or does not parse. */
    JsonNode root(String kind) throws InputException {
        if (failure != null) {
            throw failure;
        }
        if (empty) {
            // A YAML file of comments only parses to nothing.
            throw new InputException(source, Problem.FILE, "is empty; expected a " + Documents.API_VERSION + " " + kind);
        }
        return root;
    }
}
