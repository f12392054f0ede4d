package dev.ballast.cli;

import dev.ballast.formats.InputException;

import java.util.List;

/** Reading a command's input files so that one run reports every bad file, not just the first. */
final class Inputs {

    /** Reads one input file or policy. */
    interface Reading<T> {
        T read() throws InputException;
    }

    private Inputs() {
    }

    /** What {@code reading} reads, or null with its problems added to {@code problems}. */
    static <T> T read(Reading<T> reading, List<String> problems) {
        try {
            return reading.read();
        } catch (InputException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
