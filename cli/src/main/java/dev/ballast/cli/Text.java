package dev.ballast.cli;

import java.math.BigDecimal;

/** Small wording helpers shared by the commands' output; a plan's report has its own, in reports. */
final class Text {

    private Text() {
    }

    /** {@code 1 host}, {@code 36 hosts}. */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A decimal without trailing zeros: 0.85, 1, 0.8. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The text ending in exactly one newline. */
    static String endLine(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
