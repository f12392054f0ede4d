package dev.ballast.cli;

import dev.ballast.formats.Document;
import dev.ballast.formats.InputException;

import java.util.Locale;
import java.util.Optional;

/** The kinds of file {@code validate} checks, told apart by their {@code kind} field. */
enum DocumentKind {
    SNAPSHOT("ClusterSnapshot"),
    POLICY("Policy"),
    WHATIF("WhatIf");

    private final String field;

    DocumentKind(String field) {
        this.field = field;
    }

    /** The value of the {@code kind} field in files. */
    String field() {
        return field;
    }

    /**
     * The kind a document declares. A file whose kind cannot be read (empty, unparseable, not an
     * object, no kind) is taken for a policy if its name says so, else for a snapshot: the
     * reader of that kind then reports what is wrong in its own words. The document is parsed
     * once, here and for its reader alike.
     *
     * @throws InputException naming the field {@code kind} when it declares another kind, or the
     *                        file's problem when it is not UTF-8 text
     */
    static DocumentKind of(Document document) throws InputException {
        Optional<String> kind = document.kind();
        if (kind.isEmpty()) {
            return byName(document.source());
        }
        for (DocumentKind candidate : values()) {
            if (candidate.field.equals(kind.get())) {
                return candidate;
            }
        }
        // A file that is not text is refused as such first, as any reader of it would.
        document.checkText();
        throw new InputException(document.source(), "kind", "expected \"" + SNAPSHOT.field + "\", \""
                + POLICY.field + "\" or \"" + WHATIF.field + "\", got \"" + kind.get() + "\"");
    }

    private static DocumentKind byName(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        return name.toLowerCase(Locale.ROOT).contains("policy") ? POLICY : SNAPSHOT;
    }
}
