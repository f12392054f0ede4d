package dev.ballast.whatif;

/** A case's answer in one word: {@code ok} or {@code not-ok}. */
public enum Verdict {
    OK("ok"),
    NOT_OK("not-ok");

    private final String key;

    Verdict(String key) {
        this.key = key;
    }

    /** As written in reports: {@code ok}, {@code not-ok}. */
    public String key() {
        return key;
    }

    public static Verdict of(boolean ok) {
        return ok ? OK : NOT_OK;
    }
}
