package dev.ballast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Adjusts the levels set by logback.xml at run time. */
final class Logging {

    private Logging() {
    }

    /** Ballast at DEBUG; the solver at INFO, since its DEBUG logs every step. */
    static void verbose() {
        setLevel("dev.ballast", Level.DEBUG);
        setLevel("org.optaplanner", Level.INFO);
    }

    private static void setLevel(String logger, Level level) {
        if (LoggerFactory.getLogger(logger) instanceof Logger logback) {
            logback.setLevel(level);
        }
    }
}
