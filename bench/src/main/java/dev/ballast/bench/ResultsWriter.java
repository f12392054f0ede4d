package dev.ballast.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's results as {@code results.json} (for tools: every figure, unrounded) and
 * {@code results.md} (for people: the run's setting and a table, see {@link MarkdownTable}, and
 * one for the {@code validate} suite, see {@link ValidateTable}).
 */
public final class ResultsWriter {

    public static final String JSON_FILE = "results.json";
    public static final String MARKDOWN_FILE = "results.md";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultsWriter() {
    }

    /** @throws BenchInputException naming the directory when it cannot be written */
    public static void write(Path dir, RunInfo info, List<CaseResult> results) throws BenchInputException {
        write(dir, info, results, List.of());
    }

    /** @throws BenchInputException naming the directory when it cannot be written */
    public static void write(Path dir, RunInfo info, List<CaseResult> results, List<ValidateResult> validation)
            throws BenchInputException {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JSON_FILE), json(info, results, validation));
            Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(info, results, validation));
        } catch (IOException e) {
            throw new BenchInputException("--output-dir " + dir + ": cannot write the results: " + e.getMessage(), e);
        }
    }

    /** {@code {"run": {...}, "cases": [...]}}. */
    public static String json(RunInfo info, List<CaseResult> results) {
        return json(info, results, List.of());
    }

    /** {@code {"run": {...}, "cases": [...], "validation": [...]}}, the last only when the validate suite ran. */
    public static String json(RunInfo info, List<CaseResult> results, List<ValidateResult> validation) {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", JSON.valueToTree(info));
        root.set("cases", JSON.valueToTree(results));
        if (!validation.isEmpty()) {
            root.set("validation", JSON.valueToTree(validation));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String markdown(RunInfo info, List<CaseResult> results) {
        return markdown(info, results, List.of());
    }

    public static String markdown(RunInfo info, List<CaseResult> results, List<ValidateResult> validation) {
        StringBuilder md = new StringBuilder("# Ballast benchmark results\n\n");
        md.append("- started: ").append(info.started()).append('\n');
        md.append("- suites: ").append(String.join(", ", info.suites())).append('\n');
        md.append("- time limit: ").append(info.timeLimit() == null ? "each case's own" : info.timeLimit())
                .append("; seed ").append(info.seed()).append('\n');
        md.append("- machine: ").append(info.cores()).append(" cores, max heap ").append(info.maxHeapMiB())
                .append(" MiB, ").append(info.java()).append('\n');
        if (!results.isEmpty() || validation.isEmpty()) {
            md.append('\n').append(MarkdownTable.of(results)).append('\n');
            MarkdownTable.errors(results).forEach(line -> md.append(line).append('\n'));
        }
        if (!validation.isEmpty()) {
            md.append('\n').append(ValidateTable.of(validation)).append('\n');
            ValidateTable.errors(validation).forEach(line -> md.append(line).append('\n'));
        }
        return md.toString();
    }
}
