package dev.ballast.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The shared layout as a self-contained file (its policy inside, no script) and as a page a
 * server sends (the server's policy, its stylesheet allowed by a nonce, the server's own head).
 */
class HtmlPageTest {

    @Test
    void aFileCarriesItsOwnPolicyAndNoScript() {
        String page = HtmlPage.render("A <title>", null, output -> output.writeContent("<p>body</p>"));

        assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .contains("<style>\n").contains("<title>A &lt;title&gt;</title>").contains("<p>body</p>")
                .contains("no network needed").doesNotContain("<script").doesNotContain("nonce");
    }

    @Test
    void aServedPageLeavesThePolicyToItsServerAndCarriesItsNonceAndHead() {
        String page = HtmlPage.served("A page", "under it", output -> output.writeContent("<script src=\"/x.js\"></script>"),
                output -> output.writeContent("<p>body</p>"), "abcdefghijklmnop_-12");

        assertThat(page).doesNotContain("http-equiv").contains("<style nonce=\"abcdefghijklmnop_-12\">")
                .contains("</style>\n\n<script src=\"/x.js\"></script>").contains("<p>body</p>")
                .contains("Served by ballast serve.");
    }

    @Test
    void aNonceMustBeLongAndPlain() {
        assertThatThrownBy(() -> HtmlPage.served("t", null, null, output -> { }, "short"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HtmlPage.served("t", null, null, output -> { }, "\"><script>alert(1)</script>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
