package dev.ballast.formats;

import java.util.List;

/**
 * Bad input: a file that cannot be read, parsed or validated, with every problem found in it.
 * The command line maps it to exit code 2. The message names the file and lists one problem per
 * line, so an operator can fix them all in one pass.
 */
public final class InputException extends Exception {

    private final String source;
    private final List<Problem> problems;

    /**
     * @param source   the file name, or a label such as {@code <built-in balance>}
     * @param problems at least one
     */
    public InputException(String source, List<Problem> problems) {
        super(format(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** An exception with a single problem. */
    public InputException(String source, String path, String message) {
        this(source, List.of(new Problem(path, message)));
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        // Escaped: a file name or a value may hold a newline or a terminal escape.
        StringBuilder text = new StringBuilder(Printable.escape(source)).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (Problem problem : problems) {
            text.append("\n  ").append(Printable.escape(problem.toString()));
        }
        return text.toString();
    }
}
