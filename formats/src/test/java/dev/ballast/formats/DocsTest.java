package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The format documents quote the example files verbatim, so a change to one shows in the other. */
class DocsTest {

    @Test
    void snapshotDocQuotesTheExample() throws Exception {
        assertThat(Files.readString(Examples.DOCS.resolve("../snapshot.md")))
                .contains(Files.readString(Examples.SNAPSHOT));
    }

    @Test
    void policyDocQuotesTheExample() throws Exception {
        assertThat(Files.readString(Examples.DOCS.resolve("../policy.md")))
                .contains(Files.readString(Examples.POLICY));
    }

    @Test
    void whatIfDocQuotesTheExample() throws Exception {
        assertThat(Files.readString(Examples.DOCS.resolve("../what-if.md")))
                .contains(Files.readString(Examples.DOCS.resolve("what-if.yaml")));
    }
}
