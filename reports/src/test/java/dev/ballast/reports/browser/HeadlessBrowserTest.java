package dev.ballast.reports.browser;

import dev.ballast.reports.browser.HeadlessBrowser.Visit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks the page tests rely on catch what they claim to: a console error, a request beyond
 * the page's file, a blank screenshot. Each page here is the smallest that shows one fault.
 */
class HeadlessBrowserTest {

    @RegisterExtension
    static final HeadlessBrowser browser = HeadlessBrowser.forEachClass();

    @TempDir
    Path dir;

    @Test
    void aCleanPageHasNoErrorsAndRequestsOnlyItsFile() throws IOException {
        Path page = page("clean.html", "<!DOCTYPE html><title>clean</title><p>nothing to fetch</p>");

        Visit visit = browser.open(page.toUri());

        assertThat(visit.consoleErrors()).isEmpty();
        assertThat(visit.requests()).containsExactly(page.toUri().toString());
        assertThat(visit.requestsBeyondFiles()).isEmpty();
    }

    @Test
    void aScriptErrorShowsAsAConsoleError() throws IOException {
        Path page = page("error.html", "<!DOCTYPE html><title>error</title><script>console.error('broken chart');</script>");

        Visit visit = browser.open(page.toUri());

        assertThat(visit.consoleErrors()).anyMatch(message -> message.contains("broken chart"));
    }

    @Test
    void aRequestToAServerIsSeen() throws IOException {
        // Port 9 on loopback: nothing listens, and nothing leaves the machine even if it did.
        Path page = page("fetch.html", "<!DOCTYPE html><title>fetch</title><img src=\"http://127.0.0.1:9/logo.png\">");

        Visit visit = browser.open(page.toUri());

        assertThat(visit.requestsBeyondFiles()).containsExactly("http://127.0.0.1:9/logo.png");
    }

    @Test
    void aScreenshotIsAPngOfThePage() throws IOException {
        Path page = page("tall.html", "<!DOCTYPE html><title>tall</title><div style=\"height:3000px;background:#1f6feb\"></div>");
        browser.open(page.toUri());

        Path png = browser.screenshot(dir.resolve("shots/tall.png"));

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        // Width and height from the PNG header: the whole page, beyond the 1024-pixel window.
        assertThat(readInt(bytes, 16)).isEqualTo(1280);
        assertThat(readInt(bytes, 20)).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aMissingBrowserFailsSayingWhatToInstall() {
        assertThatThrownBy(() -> HeadlessBrowser.start(dir.resolve("no-chromium"), HeadlessBrowser.CHROMEDRIVER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chromium not found at " + dir.resolve("no-chromium"))
                .hasMessageContaining("apt-get install chromium chromium-driver");
        assertThatThrownBy(() -> HeadlessBrowser.start(HeadlessBrowser.CHROMIUM, dir.resolve("no-driver")))
                .hasMessageContaining("chromedriver not found at " + dir.resolve("no-driver"));
    }

    private Path page(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html);
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }
}
