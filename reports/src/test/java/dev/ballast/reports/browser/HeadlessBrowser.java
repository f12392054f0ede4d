package dev.ballast.reports.browser;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven through its chromedriver by Selenium: for tests that open a
 * page Ballast renders (a report, the service's web page) in a real browser and check what the
 * browser did with it.
 *
 * <p>Nothing is downloaded: both binaries are given by path, so Selenium Manager never runs, and
 * the browser starts with its background networking (updates, sync, field trials, component
 * downloads) off, a fresh profile, and a host resolver that resolves no name, so a test's pages
 * are the only traffic and none of it can reach beyond the machine. Missing binaries fail the
 * test with what to install; they are never a reason to skip.
 *
 * <p>{@link #open} records, for the page it loads, the console's errors and every URL the browser
 * requested (from the DevTools performance log), so a test can assert that a page loaded cleanly
 * and fetched nothing from the network.
 *
 * <p>A test class that opens pages registers one browser for all its tests, started before the
 * first and closed after the last: {@code @RegisterExtension static final HeadlessBrowser browser
 * = HeadlessBrowser.forEachClass();}.
 */
public final class HeadlessBrowser implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Every SVG chart of the page ({@code svg.chart}): its id, size on the page, shapes drawn with a size, and text. */
    private static final String CHARTS = """
            return [...document.querySelectorAll('svg.chart')].map(svg => {
              const box = svg.getBoundingClientRect();
              const shapes = [...svg.querySelectorAll('path, rect, line, ellipse, circle')].filter(s => !s.closest('defs'))
                  .filter(s => { const b = s.getBBox(); return b.width > 0 || b.height > 0; });
              return {id: svg.id, width: box.width, height: box.height, shapes: shapes.length, text: svg.textContent};
            });""";

    /** A page taller than this is shot down to here: a chromium texture limit, and enough to look at. */
    private static final int MAX_SCREENSHOT_HEIGHT = 8000;

    private static final String INSTALL = "install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver; bin/test installs them)";

    private final Path chromium;
    private final Path chromedriver;
    /** Set while the browser runs: from {@link #launch} to {@link #close}. */
    private ChromeDriver driver;
    private Path profile;

    /**
     * What the browser did when it loaded one page.
     *
     * @param consoleErrors the console's messages of level SEVERE (script errors, resources that
     *                      failed, content-security-policy violations)
     * @param requests      every URL requested, the page itself first
     */
    public record Visit(List<String> consoleErrors, List<String> requests) {

        /** The requests that are neither a local file nor inline data: each one left the page's file. */
        public List<String> requestsBeyondFiles() {
            return requests.stream().filter(url -> !url.startsWith("file:") && !url.startsWith("data:")).toList();
        }
    }

    private HeadlessBrowser(Path chromium, Path chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
    }

    /** The browser at Debian's paths. */
    public static HeadlessBrowser start() {
        return start(CHROMIUM, CHROMEDRIVER);
    }

    /**
     * The browser at Debian's paths, not started yet: registered as a test class's extension, it
     * starts before the class's first test and is closed after its last.
     */
    public static HeadlessBrowser forEachClass() {
        return new HeadlessBrowser(CHROMIUM, CHROMEDRIVER);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * The browser at the given paths, with a fresh profile in a temporary directory (removed on
     * {@link #close}).
     *
     * @throws IllegalStateException when a binary is missing, saying what to install
     */
    public static HeadlessBrowser start(Path chromium, Path chromedriver) {
        return new HeadlessBrowser(chromium, chromedriver).launch();
    }

    private HeadlessBrowser launch() {
        requireExecutable(chromium, "chromium");
        requireExecutable(chromedriver, "chromedriver");
        // Selenium's CDP bindings lag Debian's chromium; the plain WebDriver protocol is all that is used.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        Path profile = temporaryProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--hide-scrollbars", "--window-size=1280,1024",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver started = new ChromeDriver(service, options);
            // The browser may open its new-tab page, which keeps loading its own chrome:// parts
            // while it is shown; a blank page ends that before any test's page is opened.
            started.get("about:blank");
            this.driver = started;
            this.profile = profile;
            return this;
        } catch (RuntimeException e) {
            delete(profile);
            throw new IllegalStateException("chromium did not start (" + chromium + " through " + chromedriver
                    + "): " + e.getMessage(), e);
        }
    }

    private static void requireExecutable(Path binary, String name) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(name + " not found at " + binary + ": the browser tests need it; " + INSTALL);
        }
    }

    /** Loads {@code page} (a {@code file:} URL for a report) and tells what the browser did. */
    public Visit open(URI page) {
        // The logs hold what happened since they were last read: start from an empty slate.
        chrome().manage().logs().get(LogType.BROWSER);
        chrome().manage().logs().get(LogType.PERFORMANCE);
        chrome().get(page.toString());
        return activity();
    }

    /**
     * What the browser did since {@link #open} or the last call: the console's errors and the
     * requests made, for what a page does after it loaded (a button pressed, say).
     */
    public Visit activity() {
        List<String> errors = chrome().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        return new Visit(errors, requests());
    }

    /** The URLs of the requests in the performance log since it was last read. */
    private List<String> requests() {
        Json json = new Json();
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : chrome().manage().logs().get(LogType.PERFORMANCE).getAll()) {
            Map<String, Object> event = map(map(json.toType(entry.getMessage(), Map.class)).get("message"));
            String method = String.valueOf(event.get("method"));
            Map<String, Object> params = map(event.get("params"));
            if (method.equals("Network.requestWillBeSent")) {
                urls.add(String.valueOf(map(params.get("request")).get("url")));
            } else if (method.equals("Network.webSocketCreated")) {
                urls.add(String.valueOf(params.get("url")));
            }
        }
        return urls;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /** The driver, to find elements and read their text. */
    public WebDriver driver() {
        return chrome();
    }

    private ChromeDriver chrome() {
        if (driver == null) {
            throw new IllegalStateException("the browser is not running: start() it, or register forEachClass()"
                    + " with @RegisterExtension on a static field");
        }
        return driver;
    }

    /** Runs a script in the page and returns its result (see {@link JavascriptExecutor}). */
    public Object script(String script, Object... args) {
        return chrome().executeScript(script, args);
    }

    /**
     * A PNG of the whole page (down to {@value #MAX_SCREENSHOT_HEIGHT} CSS pixels), at the window's width.
     *
     * @return the file written, its directories made
     */
    /** The page's charts as drawn: for each, {@code id}, {@code width}, {@code height}, {@code shapes} and {@code text}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> charts() {
        return (List<Map<String, Object>>) script(CHARTS);
    }

    public Path screenshot(Path png) {
        return screenshot(png, MAX_SCREENSHOT_HEIGHT, 1.0);
    }

    /** A PNG of the top {@code height} CSS pixels of the page, scaled by {@code scale}. */
    public Path screenshot(Path png, int height, double scale) {
        Map<String, Object> size = map(chrome().executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize"));
        double width = ((Number) size.get("width")).doubleValue();
        double shown = Math.min(((Number) size.get("height")).doubleValue(), height);
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", shown, "scale", scale);
        Map<String, Object> shot = chrome().executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            return Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (driver == null) {
            return; // never started, or closed already
        }
        try {
            driver.quit();
        } finally {
            driver = null;
            delete(profile);
        }
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("ballast-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary directory is harmless.
        }
    }
}
