package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a file into the root object of a {@code ballast/v1} document: reads it, parses it as
 * JSON or YAML, and checks its {@code apiVersion} and {@code kind}. Everything past the header
 * is left to the reader of that kind.
 */
final class Documents {

    static final String API_VERSION = "ballast/v1";

    private Documents() {
    }

    /** The text of a file, or an InputException naming it when it is missing or unreadable. */
    static String readFile(Path file) throws InputException {
        String source = file.toString();
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(source, Problem.FILE, "no such file");
        } catch (CharacterCodingException e) {
            throw new InputException(source, Problem.FILE, "is not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(source, Problem.FILE, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The root object of a document of the given kind, ready for its reader, or an
     * InputException when the text is empty, does not parse, is not an object, or is another
     * kind or version of document.
     */
    static NodeReader open(String text, String source, String kind, Problems problems) throws InputException {
        JsonNode root = parse(text, source, kind);
        if (!root.isObject()) {
            throw new InputException(source, Problem.FILE, "expected a " + API_VERSION + " " + kind
                    + " (an object with apiVersion and kind), got " + NodeReader.describe(root));
        }
        NodeReader reader = NodeReader.root(root, problems);
        if (!headerMatches(reader, kind)) {
            problems.throwIfAny(source);
        }
        return reader;
    }

    private static JsonNode parse(String text, String source, String kind) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, Problem.FILE, "is empty; expected a " + API_VERSION + " " + kind);
        }
        JsonNode root;
        try {
            root = mapperFor(text, source).readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(source, List.of(parseProblem(e)));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            // A YAML file of comments only parses to nothing.
            throw new InputException(source, Problem.FILE, "is empty; expected a " + API_VERSION + " " + kind);
        }
        return root;
    }

    // Files named *.json, or text that opens an object, are JSON, so that a JSON syntax error is
    // described in JSON terms; anything else is YAML.
    private static ObjectMapper mapperFor(String text, String source) {
        boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json") || text.stripLeading().startsWith("{");
        return json ? Mappers.JSON : Mappers.YAML;
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
            root.report(field, "expected \"" + expected + "\", got \"" + actual + "\"");
            return false;
        }
        return true;
    }

    /** Where the parser gave up and why, in the parser's own words. */
    private static Problem parseProblem(JsonProcessingException e) {
        // SnakeYAML's message spans several lines with an excerpt; its parts read better alone.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " started at line " + (yaml.getContextMark().getLine() + 1) + ")";
            return new Problem(lineAndColumn(mark.getLine() + 1, mark.getColumn() + 1),
                    firstLine(yaml.getProblem()) + context);
        }
        return new Problem(where(e.getLocation()), firstLine(e.getOriginalMessage()));
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
        return message.strip().lines().findFirst().orElse(message).strip();
    }
}
