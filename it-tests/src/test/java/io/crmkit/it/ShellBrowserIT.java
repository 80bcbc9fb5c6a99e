package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UI shell in a real browser (Debian's headless Chromium). */
@ExtendWith(ArquillianExtension.class)
class ShellBrowserIT {

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        Path profile = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return root + path;
    }

    private void logInAsAdministrator(String path) {
        browser.get(url(path));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(EmbeddedDatabaseSession.ADMIN_PASSWORD);
        browser.findElement(By.id("login-button")).click();
    }

    @Test
    void anAdministratorConnectsASandboxNumberFromTheSettingsAndSeesItListed() {
        logInAsAdministrator("app/settings/whatsapp/channels");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-now"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("mode-sandbox"))).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#channel-form input[name=name]")));
        name.clear();
        name.sendKeys("Front desk");
        browser.findElement(By.id("save-channel")).click();

        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='channels']//tr[td[1][text()='Front desk']]")));
        assertTrue(row.getText().contains("Connected"), row.getText());
        assertTrue(row.getText().contains("SANDBOX"), row.getText());
        assertTrue(browser.findElement(By.id("callback-url")).getText().endsWith("/webhooks/whatsapp"));
    }

    @Test
    void anAdministratorLogsInSeesTheMessagesTabAndOpensAContact() {
        String hostile = "<img src=x onerror=document.title='owned'>";
        long contact = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD)
                .post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Yuki")
                        .add("lastName", hostile).add("phone", "+81 90 7777 8888").build()).id();

        logInAsAdministrator("app/contacts");

        WebElement messagesTab = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#main-nav a[data-tab='whatsapp/messages']")));
        assertEquals("Messages", messagesTab.getText());

        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr[data-id='" + contact + "'] a")));
        row.click();
        WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-title")));
        assertEquals("Yuki " + hostile, title.getText(), "customer text is shown as text, never run as HTML");
        assertTrue(browser.findElements(By.cssSelector("#view img")).isEmpty());
        assertTrue(browser.getCurrentUrl().endsWith("/app/contacts/" + contact));

        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-contribution='whatsapp/contact-messages'] whatsapp-record-panel .not-available")));
        assertTrue(panel.getText().contains("Not available yet"), panel.getText());

        browser.findElement(By.cssSelector("#main-nav a[data-tab='whatsapp/messages']")).click();
        WebElement tab = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("whatsapp-messages-tab .not-available")));
        assertTrue(tab.getText().contains("not available yet"), tab.getText());
        assertTrue(!"owned".equals(browser.getTitle()));
    }
}
