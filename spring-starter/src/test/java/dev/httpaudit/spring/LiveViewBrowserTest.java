package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The page in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which .ci/run installs), driven by Selenium, logged in through the application's own form
 * login as alice (ADMIN). One browser for the class. Without the browser the test is skipped
 * on a developer's machine and fails in CI ({@code CI=true}).
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"http-audit.live.enabled=true", "spring.application.name=orders"})
class LiveViewBrowserTest {

    static {
        AuditLog.useFolder("LiveViewBrowserTest");
    }

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriver browser;
    private static Path profile;
    private static boolean loggedIn;

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian's chromium and chromium-driver; .ci/run installs them)");
        }
        Assumptions.assumeTrue(installed, "no Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER);
        profile = Files.createTempDirectory("live-view-chromium");
        ChromeOptions options = new ChromeOptions();
        // both paths given, so Selenium Manager never looks for (or downloads) a browser or a driver
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Every test ends with a console free of errors (the page's own and failed loads alike). */
    @AfterEach
    void noConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        assertThat(errors).as("browser console").isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * Opens the page, logging in first through the application's form (Spring Security's login
     * page) once per browser. What the browser logged while logging in (the application has no
     * page at {@code /} to land on) is read and dropped: the console checked is the live view's.
     */
    private void openPage() {
        if (!loggedIn) {
            browser.get(url("/login"));
            browser.findElement(By.name("username")).sendKeys("alice");
            browser.findElement(By.name("password")).sendKeys("alice-pw");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
            browser.manage().logs().get(LogType.BROWSER);
            loggedIn = true;
        }
        browser.get(url("/http-audit/"));
        new WebDriverWait(browser, WAIT).until(d -> browser.executeScript("return window.httpAudit && window.httpAudit.firstRender") != null);
    }

    private FluentWait<WebDriver> waiting() {
        // the page replaces its rows when a poll brings news: an element found a moment ago may be gone
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class);
    }

    /** The row whose correlation ID cell is this one. */
    private static By rowOf(String correlationId) {
        return By.xpath("//table[@id='events']/tbody/tr[td[7]='" + correlationId + "']");
    }

    /** The text of that row, once the page shows it. */
    private String rowText(String correlationId) {
        return waiting().until(d -> d.findElement(rowOf(correlationId)).getText());
    }

    /** Whether the table shows that row now. */
    private boolean shows(String correlationId) {
        return browser.findElements(rowOf(correlationId)).size() == 1;
    }

    /** The statuses of all rows now, read in one script. */
    @SuppressWarnings("unchecked")
    private List<String> statuses() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#events tbody tr')].map(row => row.dataset.status)");
    }

    @Test
    void showsExchangesMadeAfterItOpenedWithoutAReloadFiltersByStatusAndOpensTheDetail() {
        openPage();
        browser.executeScript("window.notReloaded = true;");
        Http http = new Http(port);
        String ok = Http.newId();
        String failed = Http.newId();
        String created = Http.newId();
        http.get("/api/orders/5", ok);
        http.get("/api/fail", failed);
        http.send(http.request("/api/orders", created).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"qty\":2}")).build());

        assertThat(rowText(ok)).contains("GET", "/api/orders/5", "200");
        assertThat(rowText(failed)).contains("/api/fail", "500");
        assertThat(rowText(created)).contains("POST", "201");
        assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);

        WebElement status = browser.findElement(By.name("status"));
        status.sendKeys("5xx");
        waiting().until(d -> !shows(ok) && shows(failed));
        assertThat(statuses()).isNotEmpty().allSatisfy(code -> assertThat(code).startsWith("5"));

        browser.findElement(By.cssSelector("button[type=reset]")).click();
        waiting().until(d -> {
            d.findElement(rowOf(created)).click();
            return true;
        });
        WebElement dialog = browser.findElement(By.id("detail"));
        new WebDriverWait(browser, WAIT).until(d -> dialog.getDomProperty("open").equals("true")
                && browser.findElement(By.id("detail-title")).getText().startsWith("POST /api/orders 201"));
        String text = dialog.getText();
        assertThat(text).containsIgnoringCase("Request headers").containsIgnoringCase("Response body")
                .contains("content-type", created);
        // the JSON request body, pretty-printed
        assertThat(browser.findElement(By.cssSelector("#detail-body pre")).getText()).contains("\"item\": \"book\",\n  \"qty\": 2");
        browser.findElement(By.id("detail-close")).click();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    /**
     * A thousand exchanges in the buffer (handed to the pipeline as the filter hands them, spread
     * over ten minutes, several routes, users and outcomes): the page renders all of them. It
     * records how long its first render took in the browser (fetch and parse, building the rows,
     * layout) in target/live-view-render.txt, and its screenshot in target/live-view.png (the
     * one in docs/ is a copy of it).
     */
    @Test
    void rendersAThousandEventsAndRecordsHowLongThatTook() throws IOException {
        fillWithAThousandExchanges();
        List<Double> totals = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (int run = 0; run < 7; run++) {
            openPage();
            @SuppressWarnings("unchecked")
            Map<String, Object> render = (Map<String, Object>) browser.executeScript("return window.httpAudit.firstRender");
            assertThat(((Number) render.get("rows")).intValue()).isEqualTo(1000);
            assertThat(statuses()).hasSize(1000);
            totals.add(((Number) render.get("totalMs")).doubleValue());
            runs.add(render.toString());
        }
        List<Double> sorted = totals.stream().sorted().toList();
        String report = "first render of 1,000 rows, 7 page loads (ms): total " + totals
                + "\nmedian " + sorted.get(3) + ", min " + sorted.get(0) + ", max " + sorted.get(6)
                + "\n" + String.join("\n", runs) + "\n";
        Files.writeString(Path.of("target", "live-view-render.txt"), report);
        System.out.println(report);
        browser.executeScript("window.scrollTo(0, 0)");
        Files.write(Path.of("target", "live-view.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * A thousand exchanges over the last ten minutes, from a fixed seed: the busy read route, a
     * burst of 500s half-way, some 404s, durations spread long-tailed, a few users.
     */
    private void fillWithAThousandExchanges() {
        String[][] routes = {{"GET", "/api/orders/{id}", "/api/orders/"}, {"GET", "/api/orders/{id}", "/api/orders/"},
                {"GET", "/api/orders/{id}", "/api/orders/"}, {"POST", "/api/orders", "/api/orders"},
                {"GET", "/api/customers/{id}", "/api/customers/"}, {"GET", "/api/customers/{id}", "/api/customers/"},
                {"DELETE", "/api/orders/{id}", "/api/orders/"}, {"GET", "/api/reports/daily", "/api/reports/daily"}};
        String[] users = {"alice", "bob", "carol", "dave", ""};
        java.util.Random random = new java.util.Random(16);
        Instant now = Instant.now();
        for (int i = 0; i < 1000; i++) {
            String[] route = routes[random.nextInt(routes.length)];
            boolean burst = i > 620 && i < 700 && route[1].startsWith("/api/orders");
            int status = burst && random.nextInt(3) == 0 || random.nextInt(60) == 0 ? 500
                    : random.nextInt(25) == 0 ? 404 : route[0].equals("POST") ? 201 : route[0].equals("DELETE") ? 204 : 200;
            long base = route[1].startsWith("/api/reports") ? 60_000 : 4_000;
            long micros = (long) (base * Math.exp(random.nextGaussian() * 0.7)) + (status == 500 ? 250_000 : 0);
            Instant start = now.minusMillis((1000 - i) * 600L + random.nextInt(500));
            String path = route[2].endsWith("/") ? route[2] + (1 + random.nextInt(400)) : route[2];
            String body = route[0].equals("POST") ? "{\"item\":\"book-" + i + "\",\"qty\":" + (1 + random.nextInt(5)) + "}" : null;
            AuditEvent.Builder event = AuditEvent.builder()
                    .timing(start, start.plusNanos(micros * 1000), micros * 1000)
                    .request(new AuditRequest("demo-" + i, route[0], body == null ? null : "application/json",
                            Map.of("accept", List.of("application/json")),
                            body == null ? null : Body.captured(body.length(), body, false)))
                    .response(new AuditResponse(status, "application/json", Map.of("content-type", List.of("application/json")),
                            Body.captured(2, "{}", false)))
                    .route(route[1])
                    .url(new UrlInfo(path, null, "http", "localhost", port));
            String user = users[random.nextInt(users.length)];
            if (!user.isEmpty()) {
                event.user(new UserInfo(user, List.of("USER")));
            }
            pipeline.emit(event.build());
        }
    }
}
