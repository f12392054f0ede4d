package dev.ballast.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.api.ApiServer;
import dev.ballast.service.api.Token;
import dev.ballast.service.store.PlanStore.NewPlan;
import dev.ballast.service.store.StoredPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page over plain HTTP on 127.0.0.1: its security headers, its own files, its pages for
 * what is not there, and a plan whose report cannot be drawn. (What a browser does with the pages
 * is {@code WebPageInBrowserTest}'s.)
 */
class WebPagesTest {

    private static final Pattern STYLE_NONCE = Pattern.compile("<style nonce=\"([^\"]+)\">");

    @TempDir
    Path dataDir;
    private SimulatedService simulated;
    private ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        simulated = new SimulatedService(dataDir);
        Path tokenFile = Files.writeString(dataDir.resolve("token"), "s3cret-for-tests\n");
        server = ApiServer.start(simulated.service, Token.read(tokenFile), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        simulated.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name).orElse("");
    }

    @Test
    void everyPageAllowsOnlyTheServiceItselfAndItsStylesheetByANonceOfItsOwn() throws Exception {
        HttpResponse<String> first = get("/");
        HttpResponse<String> second = get("/");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "Content-Type")).startsWith("text/html");
        String policy = header(first, "Content-Security-Policy");
        assertThat(policy).startsWith("default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:;")
                .contains("base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'");
        // No inline script at all, and inline styles only as attributes (the charts' SVG).
        assertThat(policy.replace("style-src-attr 'unsafe-inline'", "")).doesNotContain("unsafe");
        String nonce = nonce(first.body());
        assertThat(policy).contains("style-src-elem 'self' 'nonce-" + nonce + "'");
        assertThat(nonce(second.body())).isNotEqualTo(nonce);
        assertThat(first.body()).doesNotContain("http-equiv=\"Content-Security-Policy\"").doesNotContain("<script>");
        assertThat(header(first, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(first, "Referrer-Policy")).isEqualTo("no-referrer");
    }

    private static String nonce(String page) {
        Matcher matcher = STYLE_NONCE.matcher(page);
        assertThat(matcher.find()).as("a style element with a nonce").isTrue();
        return matcher.group(1);
    }

    @Test
    void theScriptAndTheStylesheetAreTheServicesOwn() throws Exception {
        HttpResponse<String> script = get("/ui/page.js");
        HttpResponse<String> stylesheet = get("/ui/page.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(header(script, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("sessionStorage", "'Authorization': 'Bearer '");
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(header(stylesheet, "Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(header(stylesheet, "X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aPlanThatIsNotThereIsAPageSayingSo() throws Exception {
        HttpResponse<String> notANumber = get("/plans/%3Cb%3Eone");
        HttpResponse<String> none = get("/plans/99");

        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(header(notANumber, "Content-Type")).startsWith("text/html");
        assertThat(notANumber.body()).contains("A plan id is a whole number, not \"&lt;b&gt;one\".");
        assertThat(header(notANumber, "Content-Security-Policy")).startsWith("default-src 'none'");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("There is no plan 99.");
    }

    @Test
    void aPlanOfAPolicyFileNamedOtherwiseInsideIsDrawnUnderThatFilesPolicy() throws Exception {
        server.close();
        simulated.close();
        Path policy = Files.writeString(dataDir.resolve("night.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: night-consolidation
                goal: consolidate
                limits: {cpu: 0.7, memory: 0.9, network: 0.8}
                """);
        simulated = new SimulatedService(dataDir, List.of(Job.onDemand("night", policy.toString(), Mode.RECOMMEND)),
                ZoneOffset.UTC);
        server = ApiServer.start(simulated.service, Token.read(dataDir.resolve("token")), "127.0.0.1", 0);
        StoredPlan made = simulated.service.runJob("night").get().orElseThrow();
        assertThat(made.policy()).isEqualTo("night-consolidation");

        HttpResponse<String> page = get("/plans/" + made.id());
        HttpResponse<String> front = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("cannot be drawn").contains("night-consolidation");
        assertThat(front.body()).contains("the limits of policy night-consolidation (job night)");
    }

    @Test
    void aPlanWhoseReportCannotBeDrawnStillShowsItsStateAndButtons() throws Exception {
        StoredPlan made = simulated.service.runJob("nightly").get().orElseThrow();
        // Its job gone from the Service file, the plan names a policy no longer there.
        StoredPlan orphan = simulated.store().add(new NewPlan("gone-job", "gone-policy.yaml", made.steps(),
                made.migrations(), made.figuresJson(), made.planJson(), made.snapshotJson(), null));

        HttpResponse<String> page = get("/plans/" + orphan.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("The plan's report cannot be drawn: gone-policy.yaml: 1 problem")
                .contains("data-action=\"approve\"").doesNotContain("id=\"steps\"");
    }
}
