package dev.qalam.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (headless chromium) against the running server: what a user does with a
 * key and no terminal. One browser for the class, signed in once with a team key that has every scope but
 * admin; each test opens its section and leaves a screenshot under {@code target/screenshots/}.
 */
class ConsoleIT {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration JOB = Duration.ofSeconds(120);

    static Browser browser;
    static Keys.TestKey key;

    @TempDir
    static Path files;

    @BeforeAll
    static void signIn() {
        TestServer.awaitReady();
        key = Keys.createInTeam(Keys.createTeam(), "llm", "models", "ocr", "alretrieval", "deployment");
        browser = new Browser();
        browser.driver.get(TestServer.baseUrl() + "/");
        browser.visible("#signin-key").sendKeys(key.secret());
        browser.find("#signin-form button[type=submit]").click();
        browser.visible("#view-keys");
        assertTrue(browser.find("#whoami").getText().contains(key.teamId()));
        // The key never appears in the address bar.
        assertFalse(browser.driver.getCurrentUrl().contains(key.secret()));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void screenshot(TestInfo test) {
        browser.screenshot("console-" + test.getTestMethod().orElseThrow().getName());
    }

    private static void open(String view) {
        browser.driver.get(TestServer.baseUrl() + "/#" + view);
        browser.visible("#view-" + view);
    }

    @Test
    void createsAndRevokesAKey() {
        open("keys");
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        browser.find("#key-name").sendKeys(name);
        // Only the caller's own scopes are offered.
        assertTrue(browser.driver.findElements(By.cssSelector("#scope-admin")).isEmpty());
        browser.find("#key-create").click();
        String secret = browser.visible("#new-key-value").getText();
        assertTrue(secret.startsWith("qk_"), secret);
        assertEquals(200, Api.as(secret).get("/v1/me").status());

        WebElement row = browser.await(UI, "the new key listed", d -> rowOf(name));
        row.findElement(By.cssSelector("button.danger")).click();
        browser.await(UI, "confirm dialog", ExpectedConditions.alertIsPresent()).accept();
        // The listing shows live keys only.
        browser.await(UI, "the revoked key gone from the list", d -> rowOf(name) == null);
        assertEquals(401, Api.as(secret).get("/v1/me").status());
    }

    private static WebElement rowOf(String name) {
        return browser.driver.findElements(By.cssSelector("#own-keys tbody tr")).stream()
                .filter(r -> r.getText().contains(name)).findFirst().orElse(null);
    }

    @Test
    void playgroundStreamsAnAnswer() {
        open("playground");
        browser.await(UI, "models listed", d -> !new Select(browser.find("#pg-model")).getOptions().isEmpty());
        new Select(browser.find("#pg-model")).selectByValue("local/extractive");
        browser.find("#pg-system").sendKeys("The capital of France is Paris. Bananas are yellow and grow in bunches.");
        browser.find("#pg-input").sendKeys("What is the capital of France?");
        browser.find("#pg-send").click();
        WebElement answer = browser.await(UI, "the answer streamed to its end",
                d -> d.findElements(By.cssSelector("#pg-chat .msg.assistant[data-done=true] .body")).stream()
                        .findFirst().orElse(null));
        assertTrue(answer.getText().contains("Paris"), answer.getText());
        String curl = browser.find("#pg-curl").getText();
        assertTrue(curl.contains("/v1/chat/completions") && curl.contains("$QALAM_API_KEY"), curl);
        assertFalse(curl.contains(key.secret()));
        assertTrue(browser.find("#pg-python").getText().contains("OpenAI(base_url="));
    }

    @Test
    void ocrShowsArabicPageTextRightToLeftBesideItsImage() throws IOException {
        Path scan = files.resolve("arabic-scan.png");
        Files.write(scan, TestDocuments.png(TestDocuments.page(TestDocuments.ARABIC, true, 0)));
        open("ocr");
        browser.find("#ocr-file").sendKeys(scan.toAbsolutePath().toString());
        browser.find("#ocr-form button[type=submit]").click();
        browser.await(JOB, "the job done", d -> "done".equals(browser.find("#ocr-status").getAttribute("data-status")));
        assertEquals("100", browser.find("#ocr-upload-progress").getAttribute("value"));
        WebElement text = browser.await(UI, "the page text", d -> {
            WebElement t = browser.find("#ocr-page-text");
            return t.getText().isBlank() ? null : t;
        });
        assertTrue(text.getText().codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC),
                text.getText());
        assertEquals("rtl", text.getCssValue("direction"));
        WebElement image = browser.find("#ocr-page-image");
        browser.await(UI, "the page image loaded", d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
        assertFalse(browser.driver.findElements(By.cssSelector("#ocr-thumbs img")).isEmpty());
    }

    @Test
    void arabicInterfaceMirrorsTheLayout() {
        open("models");
        browser.visible("#models tbody tr");
        browser.find("#lang-switch").click();
        try {
            assertEquals("rtl", browser.find("html").getAttribute("dir"));
            assertEquals("ar", browser.find("html").getAttribute("lang"));
            assertEquals("النماذج", browser.find("#view-models h1").getText());
            assertEquals("rtl", browser.find(".side").getCssValue("direction"));
            browser.screenshot("console-arabic-models");
        } finally {
            browser.find("#lang-switch").click();
        }
        assertEquals("ltr", browser.find("html").getAttribute("dir"));
    }

    @Test
    void ingestsIntoACollectionAndQueriesIt() throws IOException {
        Path doc = files.resolve("harbour-notes.txt");
        Files.writeString(doc, "The harbour of Jeddah handles container ships every day.\n\n"
                + "Tea is served with cardamom in the afternoon.", StandardCharsets.UTF_8);
        open("collections");
        int before = new Select(browser.find("#col-select")).getOptions().size();
        browser.find("#col-create").click();
        browser.await(UI, "a new collection", d -> new Select(browser.find("#col-select")).getOptions().size() == before + 1);
        browser.find("#ingest-file").sendKeys(doc.toAbsolutePath().toString());
        browser.find("#ingest-metadata").sendKeys("{\"department\": \"ports\"}");
        browser.find("#ingest-form button[type=submit]").click();
        browser.await(JOB, "the document ready", d -> d.findElements(By.cssSelector("#documents td.doc-status[data-status=ready]")).size() == 1);
        WebElement link = browser.find("#documents tbody a");
        assertEquals("harbour-notes.txt", link.getText());
        assertTrue(link.getAttribute("href").contains("/v1/files/"), link.getAttribute("href"));
        browser.find("#query-text").sendKeys("Which harbour handles container ships?");
        browser.find("#query-form button[type=submit]").click();
        WebElement first = browser.await(UI, "contexts", d -> d.findElements(By.cssSelector("#query-results li.context"))
                .stream().findFirst().orElse(null));
        assertTrue(first.getText().contains("Jeddah"), first.getText());
        assertTrue(Double.parseDouble(first.findElement(By.cssSelector(".score")).getText()) > 0);
    }

    @Test
    void deploymentChatShowsItsContexts() {
        Api api = key.api();
        String collection = api.post("/v1/alRetrieval/collections", Map.of()).json().get("collection_id").asText();
        Api.Reply ingest = api.post("/v1/alRetrieval/collections/" + collection + "/documents/ingest", Map.of(
                "title", "Opening hours", "filename", "hours.md",
                "pages", List.of("مكتبة الرياض مفتوحة من الساعة التاسعة صباحا. The Riyadh library opens at nine in the morning."),
                "metadata", Map.of("city", "riyadh")));
        assertEquals(200, ingest.status(), ingest.toString());
        String doc = ingest.json().get("id").asText();
        Poll.until(JOB, "document ready", () -> "ready".equals(api.get("/v1/alRetrieval/collections/" + collection
                + "/documents/" + doc + "/status").json().get("status").asText()));
        Api.Reply created = Api.admin().post("/v1/admin/teams/" + key.teamId() + "/deployments", Map.of(
                "name", "library-" + UUID.randomUUID().toString().substring(0, 6), "model", "local/extractive",
                "collection_ids", List.of(collection)));
        assertEquals(201, created.status(), created.toString());
        JsonNode deployment = created.json();

        open("deployments");
        browser.await(UI, "the deployment listed", d -> new Select(browser.find("#dep-select")).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals(deployment.get("id").asText())));
        new Select(browser.find("#dep-select")).selectByValue(deployment.get("id").asText());
        browser.find("#dep-filter").sendKeys("{\"term\": {\"city\": \"riyadh\"}}");
        browser.find("#dep-input").sendKeys("When does the library open?");
        browser.find("#dep-send").click();
        WebElement answer = browser.await(UI, "the answer with its contexts",
                d -> d.findElements(By.cssSelector("#dep-chat .msg.assistant[data-done=true]")).stream()
                        .filter(m -> !m.findElements(By.cssSelector("li.context")).isEmpty()).findFirst().orElse(null));
        WebElement context = answer.findElement(By.cssSelector("li.context .ctx-text"));
        assertTrue(context.getText().contains("مكتبة الرياض"), context.getText());
        assertEquals("rtl", context.getCssValue("direction"));
    }
}
