package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/** The configured Jackson mappers, shared because they are thread-safe and costly to build. */
final class Mappers {

    // SnakeYAML refuses documents above 3 MB by default; a snapshot of a large cluster is bigger:
    // allow whatever a file within the size limit holds.
    private static final int MAX_YAML_CODE_POINTS = (int) Documents.MAX_FILE_BYTES;

    // Trailing tokens: content after a JSON document, or a second YAML document, is refused
    // rather than silently ignored.
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final ObjectMapper YAML = new ObjectMapper(YamlParsing.factory(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Keeps a name such as "1234" or "true" a string when it is read back.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)))
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Reads one value at a time from a parser that streams a document, such as one element of a
     * list: the check for trailing tokens is the streaming reader's, at the end of the document.
     */
    static final ObjectReader VALUES = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Two-space indentation, one entry per line, {@code "key": value}, Unix line ends. */
    static final ObjectWriter PRETTY_JSON = JSON.writer(prettyPrinter());

    private Mappers() {
    }

    /**
     * A parser on a JSON file, straight from the disk, whose values {@link #VALUES} reads. It
     * does not check for fields given twice: {@link StreamedValue} does, as it builds each value.
     * The caller closes it.
     */
    static JsonParser streaming(Path file) throws IOException {
        return streaming(Files.newInputStream(file));
    }

    /** As {@link #streaming(Path)}, on a stream of a JSON file's bytes, which the parser closes. */
    static JsonParser streaming(InputStream in) throws IOException {
        JsonParser parser = JSON.getFactory().createParser(in);
        parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        parser.setCodec(VALUES);
        return parser;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_YAML_CODE_POINTS);
        return options;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return printer;
    }
}
