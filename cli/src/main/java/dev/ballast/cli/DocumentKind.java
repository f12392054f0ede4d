package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ballast.formats.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The two kinds of file {@code validate} checks, told apart by their {@code kind} field. */
enum DocumentKind {
    SNAPSHOT("ClusterSnapshot"),
    POLICY("Policy");

    // YAML parsing covers JSON too.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String field;

    DocumentKind(String field) {
        this.field = field;
    }

    /** The value of the {@code kind} field in files. */
    String field() {
        return field;
    }

    /**
     * The kind a file declares. A file whose kind cannot be read (empty, unparseable, not an
     * object, no kind) is taken for a policy if its name says so, else for a snapshot: the
     * reader of that kind then reports what is wrong in its own words.
     *
     * @throws InputException naming the field {@code kind} when it declares another kind
     */
    static DocumentKind of(Path file) throws InputException {
        JsonNode kind = declaredKind(file);
        if (kind == null || !kind.isTextual()) {
            return byName(file);
        }
        for (DocumentKind candidate : values()) {
            if (candidate.field.equals(kind.asText())) {
                return candidate;
            }
        }
        throw new InputException(file.toString(), "kind", "expected \"" + SNAPSHOT.field + "\" or \""
                + POLICY.field + "\", got \"" + kind.asText() + "\"");
    }

    private static JsonNode declaredKind(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            return root != null && root.isObject() ? root.get("kind") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static DocumentKind byName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).contains("policy") ? POLICY : SNAPSHOT;
    }
}
