package uk.councilinbox.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.councilinbox.local.FakeOidcProvider;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Project;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;

/**
 * The staff console in a real browser against the whole local system (the built function.zip, the
 * emulators and the fake platform, as {@code bin/run} starts them): a resident's Messenger message
 * becomes a case, an agent signs in at {@code /console/} (first through the local OpenID provider and
 * out again, then with the development sign-in), finds the case, moves it to in progress and
 * then resolved, and the resident's progress updates reach the platform; the trends view then draws
 * its chart from the API.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver} packages (headless; nothing is
 * downloaded at test time). Where they are not installed the test is skipped, with the reason.
 * A screenshot of each run's end state is kept in {@code target/console-screenshots/}.
 */
@RequiresEmulators
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Project.target("console-screenshots");
    private static final Pattern REFERENCE = Pattern.compile("\\b([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\\b");
    private static final String RESIDENT = "7012345678901234";
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

    private static LocalSystem system;
    private static WebhookClient webhooks;
    private static WebDriver browser;
    private static Path profile;

    private static final boolean BROWSER_INSTALLED = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    private static final String NO_BROWSER = CHROMIUM + " or " + CHROMEDRIVER + " is not installed (Debian packages chromium and "
            + "chromium-driver: apt-get install chromium chromium-driver): the console browser test is skipped";

    @BeforeAll
    static void start() throws Exception {
        if (!BROWSER_INSTALLED) {
            System.out.println("[console] " + NO_BROWSER);
            return; // the test's assumption reports it as skipped; no need to start the system
        }
        LocalSystem.Options defaults = LocalSystem.Options.defaults(0);
        system = new LocalSystem(new LocalSystem.Options(0, defaults.artifacts(), defaults.logDir(), 1, Map.of()));
        webhooks = new WebhookClient(system.baseUrl());
        browser = startBrowser();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Headless Chromium with the flags it needs on a machine without internet access, and a fresh profile. */
    private static WebDriver startBrowser() throws IOException {
        profile = Files.createTempDirectory("console-chromium-");
        Path logs = LocalSystem.Options.defaults(0).logDir();
        Files.createDirectories(logs);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1400", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** Waits until the case's photo is kept (read through the staff API, as the console will). */
    private static void awaitPhotoKept(String reference) throws Exception {
        uk.councilinbox.local.ApiClient api = new uk.councilinbox.local.ApiClient(system.baseUrl());
        String bearer = "Bearer " + uk.councilinbox.local.DevTokens.token("photo-check", java.util.Set.of("agent"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String body = api.get("/api/cases/" + reference, bearer).body();
            if (body.contains("\"outcome\":\"kept\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the photo of " + reference + " was not kept within 30 s");
    }

    @Test
    void anAgentResolvesACaseInTheConsoleAndTheResidentIsTold() throws Exception {
        assumeTrue(BROWSER_INSTALLED, NO_BROWSER);
        Instant posted = Instant.now();
        var response = webhooks.postMeta("meta", WebhookClient.freshFixture("messenger-text.json"));
        assertEquals(200, response.statusCode(), response.body());
        FakePlatform.Sent ack = awaitSent(s -> s.recipient().equals(RESIDENT) && s.at().isAfter(posted), "the acknowledgement");
        Matcher found = REFERENCE.matcher(ack.text());
        assertTrue(found.find(), "the acknowledgement carries a reference: " + ack.text());
        String reference = found.group(1);
        // A photo of it a moment later joins the case; the photos function fetches it from the platform.
        String photo = system.platform().media().serve(uk.councilinbox.testing.Photos.jpeg(640, 480), "image/jpeg");
        String photoMessage = new String(WebhookClient.freshFixture("messenger-image.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("https://scontent[^\"]*", photo);
        assertEquals(200, webhooks.postMeta("meta", photoMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
        awaitPhotoKept(reference);

        WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
        try {
            browser.get(system.baseUrl() + "/console/");
            wait.until(driver -> "true".equals(((JavascriptExecutor) driver).executeScript("return document.documentElement.dataset.ready")));
            assertTrue(browser.findElement(By.id("view-signin")).isDisplayed(), "a new tab starts at sign-in");

            signInThroughTheProviderAndOut(wait);

            browser.findElement(By.id("local-agent")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-cases")));
            assertTrue(browser.findElement(By.id("who-text")).getText().contains("agent"), browser.findElement(By.id("who-text")).getText());
            assertTrue(browser.findElements(By.linkText("Bulk update")).stream().noneMatch(WebElement::isDisplayed),
                    "bulk update is hidden from agents");

            // The case is in the list (refresh until the list shows it; it exists once acknowledged).
            wait.until(driver -> {
                List<WebElement> links = driver.findElements(By.linkText(reference));
                if (links.isEmpty()) {
                    driver.findElement(By.id("cases-refresh")).click();
                    return null;
                }
                return links.get(0);
            });
            screenshot("case-list");
            // A refresh asked for by the last poll may redraw the list meanwhile: find the link again until the click lands.
            wait.ignoring(StaleElementReferenceException.class).until(driver -> {
                driver.findElement(By.linkText(reference)).click();
                return true;
            });
            wait.until(ExpectedConditions.textToBe(By.id("case-title"), "Case " + reference));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("case-content")));
            assertEquals("Pothole report", summary("category"));
            assertEquals("Potholes and road surface", summary("service"));
            assertTrue(browser.findElement(By.id("case-messages")).getText().length() > 0, "the resident's message is shown");
            // The photo's thumbnail is in the thread, loaded from its presigned link (the page's CSP allows the bucket).
            wait.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                    "const img = document.querySelector('#case-messages img.thumbnail'); return !!img && img.complete && img.naturalWidth > 0")));
            Long thumbnailWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelector('#case-messages img.thumbnail').naturalWidth");
            assertEquals(320L, thumbnailWidth, "the thumbnail, not the full photo (640 px)");
            screenshot("case-photo");

            Instant startedWork = Instant.now();
            changeStatus(wait, "in_progress", "", "In progress");
            awaitSent(s -> s.recipient().equals(RESIDENT) && s.at().isAfter(startedWork)
                    && s.text().contains(reference), "the in-progress update");

            Instant resolving = Instant.now();
            String note = "Filled and sealed by the highways team (console test)";
            changeStatus(wait, "resolved", note, "Resolved");
            FakePlatform.Sent resolved = awaitSent(s -> s.recipient().equals(RESIDENT) && s.at().isAfter(resolving)
                    && s.text().contains(reference), "the resolved update");
            assertEquals("messenger", resolved.channel());

            // Only the statuses a resolved case may move to (the server's rule, through /api/vocabulary) are offered,
            // and the note is on the history.
            List<String> offered = new Select(browser.findElement(By.id("status-select"))).getOptions().stream()
                    .map(option -> option.getAttribute("value")).toList();
            assertEquals(List.of("in_progress", "closed"), offered);
            assertEquals(uk.councilinbox.cases.CaseStatus.RESOLVED.next().stream().map(uk.councilinbox.cases.CaseStatus::label).toList(), offered);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-history-body"), note));
            screenshot("case-resolved");

            // The trends view draws its chart and table from the API.
            browser.findElement(By.linkText("Trends")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#trends-chart svg")));
            assertEquals(28, browser.findElements(By.cssSelector("#trends-table-body tr")).size());
            assertTrue(browser.findElement(By.id("trends-answers-body")).getDomProperty("textContent").contains("Pothole report"),
                    "answer and resolution times by channel and category");
            screenshot("trends");
            List<String> refused = browser.manage().logs().get("browser").getAll().stream().map(Object::toString)
                    .filter(line -> line.contains("Content Security Policy")).toList();
            assertEquals(List.of(), refused, "nothing the console does is refused by its Content-Security-Policy");
        } catch (AssertionError | RuntimeException e) {
            screenshot("failure");
            System.out.println("[console] browser log: " + browser.manage().logs().get("browser").getAll());
            throw e;
        }
    }

    /**
     * The inbox: a resident's question waits at the top of it; the agent opens it, answers with a saved reply,
     * and once Messenger reports the reply delivered the thread says so.
     */
    @Test
    void anAgentAnswersTheLongestWaitingQueryFromTheInboxWithASavedReplyAndSeesItDelivered() throws Exception {
        assumeTrue(BROWSER_INSTALLED, NO_BROWSER);
        String resident = "7099" + System.nanoTime() % 1_000_000_000_000L;
        Instant posted = Instant.now();
        // Asked 23 and a half hours ago: the longest-waiting query, with half an hour of Messenger's window left.
        long ms = posted.minus(Duration.ofMinutes(23 * 60 + 30)).toEpochMilli();
        String question = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":" + ms + ",\"messaging\":[{\"sender\":{\"id\":\"" + resident
                + "\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":" + ms + ",\"message\":{\"mid\":\"m_q" + ms
                + "\",\"text\":\"Hi, can you tell me how I apply for a blue badge for my mum? Thanks\"}}]}]}";
        assertEquals(200, webhooks.postMeta("meta", question.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
        FakePlatform.Sent ack = awaitSent(s -> s.recipient().equals(resident) && s.at().isAfter(posted), "the acknowledgement");
        Matcher found = REFERENCE.matcher(ack.text());
        assertTrue(found.find(), ack.text());
        String reference = found.group(1);

        WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
        try {
            browser.get(system.baseUrl() + "/console/#/inbox");
            wait.until(driver -> "true".equals(((JavascriptExecutor) driver).executeScript("return document.documentElement.dataset.ready")));
            if (browser.findElement(By.id("view-signin")).isDisplayed()) {
                browser.findElement(By.id("local-agent")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-cases")));
                browser.findElement(By.linkText("Inbox")).click();
            }
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-inbox")));
            // Other tests' cases share the emulators: the inbox is checked for order, and ours is the first query in it.
            wait.ignoring(StaleElementReferenceException.class).until(driver -> {
                List<WebElement> queries = driver.findElements(By.cssSelector("#inbox-body tr[data-category='query']"));
                if (queries.isEmpty() || !reference.equals(queries.get(0).getAttribute("data-reference"))) {
                    driver.findElement(By.id("inbox-show")).click();
                    return null;
                }
                return queries.get(0);
            });
            List<Long> waited = wait.ignoring(StaleElementReferenceException.class).until(driver -> driver
                    .findElements(By.cssSelector("#inbox-body tr")).stream().map(row -> Long.parseLong(row.getAttribute("data-waited"))).toList());
            assertEquals(waited.stream().sorted(Comparator.reverseOrder()).toList(), waited, "longest waiting first");
            String window = wait.ignoring(StaleElementReferenceException.class).until(driver -> driver.findElement(
                    By.cssSelector("#inbox-body tr[data-reference='" + reference + "'] [data-field='window']")).getText());
            assertTrue(window.contains("left"), window);
            screenshot("inbox");

            wait.ignoring(StaleElementReferenceException.class).until(driver -> {
                driver.findElement(By.cssSelector("#inbox-body tr[data-reference='" + reference + "']")).findElement(By.linkText(reference)).click();
                return true;
            });
            wait.until(ExpectedConditions.textToBe(By.id("case-title"), "Case " + reference));
            wait.until(driver -> driver.findElement(By.id("reply-saved")).isDisplayed()
                    && new Select(driver.findElement(By.id("reply-saved"))).getOptions().size() > 1);
            new Select(browser.findElement(By.id("reply-saved"))).selectByValue("thanks-looking");
            String text = browser.findElement(By.id("reply-text")).getDomProperty("value");
            assertTrue(text.contains(reference) && text.contains("Local, Customer Services"), "filled in for this case and agent: " + text);
            browser.findElement(By.id("reply-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-feedback"), "Reply saved"));

            FakePlatform.Sent reply = awaitSent(s -> s.recipient().equals(resident) && s.text().equals(text), "the agent's reply");
            long deliveredAt = Instant.now().toEpochMilli();
            String delivery = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":" + deliveredAt + ",\"messaging\":[{\"sender\":{\"id\":\""
                    + resident + "\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":" + deliveredAt + ",\"delivery\":{\"mids\":[\""
                    + reply.platformMessageId() + "\"],\"watermark\":" + deliveredAt + "}}]}]}";
            assertEquals(200, webhooks.postMeta("meta", delivery.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
            wait.until(driver -> {
                List<WebElement> delivered = driver.findElements(By.cssSelector("#case-messages li[data-state='delivered']"));
                if (delivered.isEmpty()) {
                    ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new HashChangeEvent('hashchange'))"); // reload the case
                    return null;
                }
                return delivered.get(0).getText().contains("I am looking into this");
            });
            assertTrue(browser.findElement(By.id("case-messages")).getText().contains("blue badge"), "both sides of the conversation");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('case-messages').scrollIntoView()");
            screenshot("thread");

            browser.findElement(By.linkText("Inbox")).click();
            wait.until(driver -> driver.findElements(By.cssSelector("#inbox-body tr[data-reference='" + reference + "']")).isEmpty());
        } catch (AssertionError | RuntimeException e) {
            screenshot("inbox-failure");
            System.out.println("[console] browser log: " + browser.manage().logs().get("browser").getAll());
            throw e;
        }
    }

    /**
     * The authorization code flow with PKCE through the local OpenID provider (/_local/oidc/), as with
     * Cognito or Entra ID: to the provider and back with a code, the code and verifier swapped for tokens,
     * signed in as the provider's user; the round trip leaves nothing behind, and sign-out goes through
     * the provider's logout back to sign-in.
     */
    private static void signInThroughTheProviderAndOut(WebDriverWait wait) {
        browser.findElement(By.id("provider-sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-cases")));
        assertTrue(browser.findElement(By.id("who-text")).getText().contains(FakeOidcProvider.STAFF_ID), browser.findElement(By.id("who-text")).getText());
        assertEquals(system.baseUrl() + "/console/#/cases", browser.getCurrentUrl(), "the code and state are taken off the address");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals(null, js.executeScript("return sessionStorage.getItem('councilInbox.signInFlow')"), "the verifier is not kept");
        assertTrue(js.executeScript("return sessionStorage.getItem('councilInbox.token')") instanceof String);
        js.executeScript("window.beforeSignOut = true");
        browser.findElement(By.id("sign-out")).click();
        // A new page (back from the provider's logout): the marker is gone and the console is ready again.
        wait.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return window.beforeSignOut === undefined && document.documentElement.dataset.ready === 'true'")));
        assertTrue(browser.findElement(By.id("view-signin")).isDisplayed(), "signed out, at sign-in");
        assertEquals(null, js.executeScript("return sessionStorage.getItem('councilInbox.token')"), "sign-out forgets the token");
    }

    /** Chooses the next status in the case's form, submits it and waits for the page to show it. */
    private static void changeStatus(WebDriverWait wait, String status, String note, String shownAs) {
        WebElement select = wait.until(ExpectedConditions.elementToBeClickable(By.id("status-select")));
        new Select(select).selectByValue(status);
        WebElement noteField = browser.findElement(By.id("status-note"));
        noteField.clear();
        if (!note.isEmpty()) {
            noteField.sendKeys(note);
        }
        browser.findElement(By.id("status-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-feedback"), "Status changed to " + shownAs));
        wait.until(driver -> shownAs.equals(summary("status")));
    }

    private static String summary(String field) {
        return browser.findElement(By.cssSelector("#case-summary dd[data-field='" + field + "']")).getText().trim();
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve("ConsoleBrowserIT-" + name + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.out.println("[console] screenshot: " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.out.println("[console] no screenshot: " + e);
        }
    }

    private static FakePlatform.Sent awaitSent(Predicate<FakePlatform.Sent> match, String what) throws InterruptedException {
        return system.platform().awaitSent(match, DELIVERY_TIMEOUT, what);
    }
}
