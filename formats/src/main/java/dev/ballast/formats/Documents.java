package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a file into the root object of a {@code ballast/v1} document: reads it, parses it as
 * JSON or YAML, and checks its {@code apiVersion} and {@code kind}. Everything past the header
 * is left to the reader of that kind.
 *
 * <p>Only a regular file (or a link to one) of at most {@link #MAX_FILE_BYTES} is read, and its
 * size is checked before reading: a device such as {@code /dev/zero} would never end, a FIFO
 * would block, and a file of gigabytes would end in an OutOfMemoryError.
 */
final class Documents {

    static final String API_VERSION = "ballast/v1";

    /**
     * 1 GiB: the snapshot of 5,000 hosts and 2.3 million VMs is 200 MB as compact JSON and 670 MB
     * as Ballast writes it (indented JSON); reading a file this large needs gigabytes of heap.
     */
    static final long MAX_FILE_BYTES = 1024L * 1024 * 1024;

    /** The longest YAML line read; far longer than any name, address or query. */
    static final int MAX_YAML_LINE = 100_000;

    private static final String MORE_CONTENT = "more content after the end of the JSON document; a file holds one document";

    private Documents() {
    }

    /** The text of a file, or an InputException naming it when it is missing, unreadable, not a file, too large or not UTF-8. */
    static String readFile(Path file) throws InputException {
        String source = file.toString();
        checkIsSmallRegularFile(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read no more than the limit allows, in case the file grew since its size was read.
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(source, bytes.length);
        }
        return utf8(bytes, source);
    }

    /**
     * Checks a file that is to be parsed as a stream, straight from the disk, before it is read:
     * what its size and type tell. Its bytes are checked as the parser reads them
     * ({@link CheckedInput}), or all at once by {@link #checkText}.
     */
    static void checkStreamable(Path file) throws InputException {
        checkIsSmallRegularFile(file);
    }

    /** The checks of {@link #readFile} over the whole file, reading no more than a buffer of it at a time. */
    static void checkText(Path file) throws InputException {
        try (CheckedInput in = CheckedInput.open(file)) {
            in.checkRest();
        } catch (CheckedInput.Refused e) {
            throw e.problem();
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    private static void checkIsSmallRegularFile(Path file) throws InputException {
        String source = file.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputException(source, Problem.FILE, "no such file");
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (attributes.isDirectory()) {
            throw new InputException(source, Problem.FILE, "is a directory; give the path of a file");
        }
        if (!attributes.isRegularFile()) {
            throw new InputException(source, Problem.FILE,
                    "is not a regular file (a device, FIFO or socket); give the path of a file");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw tooLarge(source, attributes.size());
        }
    }

    // Rare: the file is not UTF-8, so it is read again to tell where, as readFile would.
    static InputException notUtf8(Path file, String source, long offset) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes((int) offset + 4);
        }
        try {
            utf8(head, source);
        } catch (InputException e) {
            return e;
        }
        return new InputException(source, Problem.FILE, "is not UTF-8 text; save the file as UTF-8");
    }

    static InputException unreadable(String source, IOException e) {
        return new InputException(source, Problem.FILE, "cannot be read: " + reason(e));
    }

    static InputException tooLarge(String source, long size) {
        return new InputException(source, Problem.FILE, "is " + size + " bytes; a ballast/v1 file may hold at most "
                + MAX_FILE_BYTES + " bytes (1 GiB)");
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : Printable.escape(e.getMessage());
    }

    /**
     * The bytes as UTF-8 text, or an InputException naming the line and column of the first
     * byte that is not UTF-8. The common case, valid text, costs one decoding and no copy.
     */
    static String utf8(byte[] bytes, String source) throws InputException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        // U+FFFD is either in the file or stands for bytes that are not UTF-8: find out which.
        CharsetDecoder decoder = utf8Decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
        if (!result.isError()) {
            return text;
        }
        int at = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        throw new InputException(source, lineAndColumn(line, at - lineStart + 1), String.format(Locale.ROOT,
                "is not UTF-8 text (byte 0x%02X); save the file as UTF-8", bytes[at] & 0xff));
    }

    static CharsetDecoder utf8Decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The root object of a document of the given kind, ready for its reader, or an
     * InputException when the text is empty, does not parse, is not an object, or is another
     * kind or version of document.
     */
    static NodeReader open(String text, String source, String kind, Problems problems) throws InputException {
        return open(Document.parse(text, source), kind, problems);
    }

    /** As {@link #open(String, String, String, Problems)}, for a document already parsed. */
    static NodeReader open(Document document, String kind, Problems problems) throws InputException {
        String source = document.source();
        JsonNode root = document.root(kind);
        if (!root.isObject()) {
            throw notAnObject(source, kind, root);
        }
        NodeReader reader = NodeReader.root(root, problems);
        checkHeader(reader, source, kind, problems);
        return reader;
    }

    static InputException empty(String source, String kind) {
        return new InputException(source, Problem.FILE, "is empty; expected a " + API_VERSION + " " + kind);
    }

    static InputException notAnObject(String source, String kind, JsonNode root) {
        return new InputException(source, Problem.FILE, "expected a " + API_VERSION + " " + kind
                + " (an object with apiVersion and kind), got " + NodeReader.describe(root));
    }

    /** Reports a missing apiVersion or kind; throws what was found so far when either is another. */
    static void checkHeader(NodeReader root, String source, String kind, Problems problems) throws InputException {
        if (!headerMatches(root, kind)) {
            problems.throwIfAny(source);
        }
    }

    /** The problem of a JSON document that stops parsing, as {@link #parseTree} reports it. */
    static InputException parseFailure(String source, JsonProcessingException e) {
        return new InputException(source, List.of(parseProblem(e, true)));
    }

    /**
     * The problem of a JSON file that stopped parsing as a stream of bytes. Jackson words and
     * places some errors differently when it streams bytes than when it builds a tree of text
     * ({@code garbage} after the document: column 9, not 8), and the messages have always been
     * the latter's; so the file is parsed again the way {@link Document#parse} parses it. Only a
     * file that is refused pays for it.
     */
    static InputException parseFailure(Path file, String source, JsonProcessingException streamed) {
        try {
            parseTree(readFile(file), source);
        } catch (InputException e) {
            return e;
        }
        return parseFailure(source, streamed);
    }

    /** The problem of JSON text after the end of the document, which a parser streaming it found at its token. */
    static InputException trailingContent(String source, JsonParser parser) {
        return new InputException(source, where(parser.currentTokenLocation()), MORE_CONTENT);
    }

    /** The parsed tree (null or missing when there is nothing in it), or an InputException locating the parse error. */
    static JsonNode parseTree(String text, String source) throws InputException {
        boolean json = isJson(text, source);
        if (!json) {
            checkLineLengths(text, source);
        }
        try {
            return (json ? Mappers.JSON : Mappers.YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(source, List.of(parseProblem(e, json)));
        }
    }

    /**
     * SnakeYAML takes about a second for each million characters of one scalar, so a line of a
     * hundred million would hold {@code validate} for minutes: YAML lines are limited (JSON is
     * parsed by Jackson itself, which refuses strings above 20 million characters at once).
     */
    private static void checkLineLengths(String text, String source) throws InputException {
        int line = 1;
        for (int start = 0; start < text.length(); line++) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            if (end - start > MAX_YAML_LINE) {
                throw new InputException(source, "line " + line, "is " + (end - start) + " characters long; a YAML line"
                        + " may hold at most " + MAX_YAML_LINE + " (write long text over several lines, or use JSON)");
            }
            start = end + 1;
        }
    }

    // Files named *.json, or text that opens an object, are JSON, so that a JSON syntax error is
    // described in JSON terms; anything else is YAML.
    private static boolean isJson(String text, String source) {
        return source.toLowerCase(Locale.ROOT).endsWith(".json") || text.stripLeading().startsWith("{");
    }

    /**
     * A wrong apiVersion or kind stops reading: the rest of the file follows another schema and
     * would only add noise. A missing one is reported and reading goes on, since the operator
     * most likely forgot the header of the right kind of file.
     */
    private static boolean headerMatches(NodeReader root, String kind) {
        boolean versionMatches = matches(root, "apiVersion", API_VERSION);
        return matches(root, "kind", kind) && versionMatches;
    }

    /** False only when the field is given with another value. */
    private static boolean matches(NodeReader root, String field, String expected) {
        String actual = root.requiredText(field);
        if (actual != null && !actual.equals(expected)) {
            root.report(field, "expected \"" + expected + "\", got " + NodeReader.describe(
                    new com.fasterxml.jackson.databind.node.TextNode(actual)));
            return false;
        }
        return true;
    }

    /** Where the parser gave up and why, in the parser's own words, with the field it was in when it knows. */
    private static Problem parseProblem(JsonProcessingException e, boolean json) {
        String field = fieldPath(e);
        String in = field.isEmpty() ? "" : " (in " + field + ")";
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return new Problem(where(e.getLocation()), json ? MORE_CONTENT
                    : "a second YAML document (after ---); a file holds one document");
        }
        // SnakeYAML's message spans several lines with an excerpt; its parts read better alone.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " started at line " + (yaml.getContextMark().getLine() + 1) + ")";
            return new Problem(lineAndColumn(mark.getLine() + 1, mark.getColumn() + 1),
                    firstLine(yaml.getProblem()) + context + in);
        }
        return new Problem(where(e.getLocation()), firstLine(e.getOriginalMessage()) + in);
    }

    /** {@code hosts[2].capacity}: the field the parser was reading, or empty when unknown or at the root. */
    private static String fieldPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.push("." + Printable.escape(context.getCurrentName()));
            } else if (context.inArray()) {
                parts.push("[" + Math.max(0, context.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String lineAndColumn(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Problem.FILE;
        }
        return lineAndColumn(location.getLineNr(), location.getColumnNr());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "cannot be parsed";
        }
        return Printable.escape(message.strip().lines().findFirst().orElse(message).strip());
    }
}
