package dev.ballast.reports.html;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.HashMap;
import java.util.Map;

/**
 * The page every HTML rendering shares ({@code layout/page.jte}): one self-contained file with
 * its stylesheet (screen and print) inline, no script, and a policy that forbids it to fetch
 * anything. A report or a web page gives its title and its body; the body's charts are
 * {@link Svg} elements. A page a server sends ({@link #served}) leaves the policy to the server's
 * header and may add the server's own script and stylesheet.
 *
 * <p>The templates are compiled with this module (jte's Maven plugin), so this class only loads
 * them: no compiler at run time, and a template that names a missing field fails the build.
 */
public final class HtmlPage {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlPage.class.getClassLoader(), "dev.ballast.reports.html.templates");

    private HtmlPage() {
    }

    /**
     * The whole page.
     *
     * @param title    the page's title and heading (escaped)
     * @param subtitle a line under the heading (escaped); null for none
     * @param body     what goes between the heading and the footer
     */
    public static String render(String title, String subtitle, Content body) {
        Map<String, Object> params = new HashMap<>();
        params.put("title", title);
        params.put("subtitle", subtitle);
        params.put("body", body);
        StringOutput output = new StringOutput(256 * 1024);
        TEMPLATES.render("layout/page.jte", params, output);
        return output.toString();
    }

    /**
     * The whole page as a server sends it, with its own {@code Content-Security-Policy} header
     * rather than the file's: the page carries no policy of its own, its stylesheet is allowed by
     * {@code nonce} (which the header must name), and {@code head} adds the server's own elements
     * (a stylesheet, a script of the server's).
     *
     * @param nonce a fresh random value per page, letters and digits (base64 without padding)
     * @param head  elements for the head, after the stylesheet; null for none
     */
    public static String served(String title, String subtitle, Content head, Content body, String nonce) {
        if (nonce == null || !nonce.matches("[A-Za-z0-9+/_-]{16,}")) {
            throw new IllegalArgumentException("a nonce is at least 16 base64 characters");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("title", title);
        params.put("subtitle", subtitle);
        params.put("body", body);
        params.put("nonce", nonce);
        params.put("head", head);
        StringOutput output = new StringOutput(256 * 1024);
        TEMPLATES.render("layout/page.jte", params, output);
        return output.toString();
    }

    /** A template of this module rendered where a page's body goes, e.g. {@code plan/report.jte}. */
    static Content template(String name, Map<String, Object> params) {
        return output -> TEMPLATES.render(name, params, output);
    }
}
