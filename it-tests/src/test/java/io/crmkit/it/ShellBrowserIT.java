package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.HeadlessChromium;
import io.crmkit.it.support.Eventually;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import io.crmkit.plugin.api.BaseUrl;
import io.crmkit.whatsapp.testing.SampleFiles;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void openBrowser() {
        Organisations.fundWithCredits(base);
        browser = HeadlessChromium.open();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return BaseUrl.of(base).resolve(path).toString();
    }

    /** Keeps what the browser showed in target/screenshots, for people reviewing a run. */
    private void screenshot(String name) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "screenshots"));
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(folder.resolve(name + ".png"), png);
        } catch (java.io.IOException notKept) {
            // a missing screenshot does not change what the test proved
        }
    }

    /** A sandbox number connected by the administrator, who receives its new chats. */
    private void logInAsAdministrator(String path) {
        logIn(path, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    private void logIn(String path, String username, String password) {
        HeadlessChromium.logIn(browser, wait, url(path), username, password);
    }

    @Test
    void aViewOnlyUserReadsTheChatButHasNoComposer() throws InterruptedException {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        String phoneNumberId = Organisations.sandboxChannel(base, "Read only").getString("phoneNumberId");
        String text = "Question for the team " + System.nanoTime();
        ApiClient.sandbox(base).post("/sandbox/api/customers/819077700011/messages", Json.createObjectBuilder()
                .add("phoneNumberId", phoneNumberId).add("name", "Reader Customer").add("type", "text").add("text", text).build());
        long profile = admin.post("/api/crm/profiles", Json.createObjectBuilder().add("name", "Viewers " + System.nanoTime()).build()).id();
        admin.put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", "VIEW_ONLY").build());
        String username = "viewer" + System.nanoTime();
        admin.post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", "Viewer")
                .add("profileId", profile).add("password", "viewer-password").build());

        logIn("app/tabs/whatsapp/messages", username, "viewer-password");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("conversation-search"))).sendKeys(text);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//ul[@id='conversations']/li[.//div[@class='preview' and text()='" + text + "']]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), text));
        assertTrue(browser.findElements(By.id("composer")).isEmpty(), "no composer for a view-only user");
        assertTrue(browser.findElements(By.className("quote-reply")).isEmpty(), "nothing to answer with");
        assertTrue(browser.findElements(By.id("owner-select")).isEmpty(), "a view-only user cannot give the chat to anyone");
        assertEquals("Administrator", browser.findElement(By.id("owner-name")).getText(), "but sees who has it");
        assertShowsNoPlaceholders("the view-only thread");

        browser.findElement(By.id("mark-unread")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mark-read")));
        By count = By.xpath("//ul[@id='conversations']/li[.//div[@class='preview' and text()='" + text + "']]//span[@class='count']");
        assertEquals("1", wait.until(ExpectedConditions.visibilityOfElementLocated(count)).getText());
        // Live updates and the list's refresh come and go: the chat the user marked unread stays unread meanwhile.
        int unreadBefore = unreadInTitle();
        ApiClient.sandbox(base).post("/sandbox/api/customers/819077700012/messages", Json.createObjectBuilder()
                .add("phoneNumberId", phoneNumberId).add("name", "Another Customer").add("type", "text")
                .add("text", "Unrelated " + System.nanoTime()).build());
        wait.until(driver -> unreadInTitle() > unreadBefore);
        assertEquals("1", browser.findElement(count).getText(), "marked unread, it stays unread while it is open");
        screenshot("view-only-thread");

        // Other tests leave unread chats behind: read them all, so that the badge counts in ones, not as "99+".
        readEveryChat(admin);
        browser.findElement(By.cssSelector("a[data-nav='contacts']")).click();
        wait.until(driver -> tabBadge() == 0);
        String elsewhere = "While on contacts " + System.nanoTime();
        ApiClient.sandbox(base).post("/sandbox/api/customers/819077700013/messages", Json.createObjectBuilder()
                .add("phoneNumberId", phoneNumberId).add("name", "Third Customer").add("type", "text")
                .add("text", elsewhere).build());
        Eventually.eventually("the third customer's message", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where text = ?", elsewhere) == 1);
        browser.findElement(By.cssSelector("a[data-nav='companies']")).click();
        wait.until(driver -> tabBadge() == 1);
        screenshot("tab-badge");
    }

    private static void readEveryChat(ApiClient admin) {
        for (int page = 0; page < 20; page++) {
            JsonArray unread = admin.get("/api/whatsapp/conversations?unread=true&limit=200").json().getJsonArray("items");
            if (unread.isEmpty()) {
                return;
            }
            unread.forEach(chat -> admin.post("/api/whatsapp/conversations/" + chat.asJsonObject().getJsonNumber("id")
                    + "/read", JsonValue.EMPTY_JSON_OBJECT));
        }
    }

    /** Clicks what the locator finds, found afresh on each try: live updates redraw the list under the cursor. */
    private void clickFresh(By locator) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(driver -> {
                    driver.findElement(locator).click();
                    return true;
                });
    }

    /** The count on the Messages tab of the host's navigation; 0 while the badge is hidden. */
    private int tabBadge() {
        WebElement badge = browser.findElement(By.cssSelector("#main-nav a[data-tab='whatsapp/messages'] .tab-badge"));
        if (!badge.isDisplayed()) {
            return 0;
        }
        return badge.getText().equals("99+") ? 100 : Integer.parseInt(badge.getText());
    }

    @Test
    void anAgentAnswersWithEnterAndAShortcutInJapaneseSeesWhoWroteAndADisconnectedNumberClosesTheComposer()
            throws InterruptedException {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        String channelName = "Front desk " + System.nanoTime() % 100_000;
        JsonObject channel = Organisations.sandboxChannel(base, channelName);
        String text = "Is the shop open today? " + System.nanoTime();
        for (int i = 1; i <= 12; i++) {
            ApiClient.sandbox(base).post("/sandbox/api/customers/819033300001/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Sato Hanako").add("type", "text")
                    .add("text", "Detail " + i + " of my question").build());
        }
        ApiClient.sandbox(base).post("/sandbox/api/customers/819033300001/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Sato Hanako").add("type", "text")
                .add("text", text).build());
        Eventually.eventually("the customer's 13 messages", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message m join whatsapp.conversation c on c.id = m.conversation_id"
                        + " where c.channel_id = ?", channel.getInt("id")) == 13);
        String shortcut = "/お礼" + System.nanoTime() % 1_000;
        admin.post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", shortcut)
                .add("text", "ありがとうございます、#Contacts.First Name# 様").build());

        logInAsAdministrator("app/tabs/whatsapp/messages");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("conversation-search"))).sendKeys(text);
        // Thirteen messages in one second may be listed under any of them: the row is known by the customer's name.
        By item = By.xpath("//ul[@id='conversations']/li[.//strong[text()='Sato Hanako']]");
        String row = wait.until(ExpectedConditions.visibilityOfElementLocated(item)).getText();
        assertTrue(row.contains(channelName) && row.contains("Administrator"), "the row names the number and the owner: " + row);
        assertTrue(row.contains("+81 90-3330-0001"), "the customer's number as Japan writes it: " + row);
        browser.findElement(By.id("conversation-search")).clear();
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#number-filter option[value='" + channel.getInt("id") + "']"))).findElement(By.xpath("..")))
                .selectByValue(Integer.toString(channel.getInt("id")));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#conversations li"));
            return rows.size() == 1 && rows.get(0).getText().contains("Sato Hanako");
        });
        clickFresh(item);
        wait.until(ExpectedConditions.textToBe(By.id("thread-title"), "Sato Hanako"));

        WebElement composer = wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-text")));
        composer.sendKeys(shortcut);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#quick-reply-suggestions li[data-shortcut='" + shortcut + "']")))
                .click();
        assertEquals("ありがとうございます、Sato 様", composer.getAttribute("value"));
        composer.sendKeys(Keys.ENTER);
        By thanked = By.xpath("//li[contains(@class,'bubble out') and contains(., 'ありがとうございます、Sato 様')]");
        // Enter sent it, and the bubble names who wrote it (found afresh: live updates redraw the bubbles).
        wait.until(ExpectedConditions.textToBePresentInElementLocated(thanked, "Administrator"));

        composer = wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-text")));
        composer.sendKeys("Open until 18:00.", Keys.chord(Keys.SHIFT, Keys.ENTER), "Tomorrow too.");
        assertEquals("Open until 18:00.\nTomorrow too.", composer.getAttribute("value"), "Shift+Enter breaks the line");
        // The agent scrolled up to reread the question before answering.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('bubbles').scrollTop = 0;");
        composer.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//li[contains(@class,'bubble out') and contains(., 'Tomorrow too.')]")));
        assertEquals(Boolean.TRUE, ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const b = document.getElementById('bubbles');"
                        + " return b.scrollHeight > b.clientHeight && b.scrollTop + b.clientHeight >= b.scrollHeight - 2;"),
                "after the agent's answer the thread, longer than its box, shows its newest message");
        screenshot("answered-with-enter");

        // Who writes long answers turns "Enter sends" off: Enter then breaks the line and Ctrl+Enter sends.
        browser.findElement(By.id("enter-sends")).click();
        composer = wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-text")));
        composer.sendKeys("First line", Keys.ENTER, "Second line");
        assertEquals("First line\nSecond line", composer.getAttribute("value"), "Enter breaks the line once turned off");
        composer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//li[contains(@class,'bubble out') and contains(., 'Second line')]")));

        // On a 1366×900 laptop screen, once the browser's own bars are drawn, the page has about 1366×768.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        // The window's new size reaches the page a moment later: what is proved is the layout once it has settled.
        for (String control : List.of("composer-attach", "enter-sends", "composer-send", "composer-text")) {
            try {
                wait.until(page -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                                + " return window.innerWidth <= 1366 && r.top >= 0 && r.left >= 0"
                                + " && r.bottom <= window.innerHeight && r.right <= window.innerWidth;", control)));
            } catch (org.openqa.selenium.TimeoutException notWhole) {
                throw new AssertionError(control + " is whole on the screen at 1366×768", notWhole);
            }
        }
        assertEquals(Boolean.TRUE, ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const box = document.querySelector('.views').parentElement.getBoundingClientRect();"
                        + " const parts = [...document.querySelectorAll('.views > *')].filter((e) => e.offsetParent)"
                        + ".map((e) => e.getBoundingClientRect()); const first = parts[0];"
                        + " return parts.length >= 2 && parts.every((r) => r.top < first.bottom && r.bottom > first.top"
                        + " && r.right <= box.right + 1);"),
                "the view buttons and the unread badge share one line inside the list's column");
        screenshot("messages-1366x768");

        admin.delete("/api/whatsapp/channels/" + channel.getInt("id"));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("conversation-search"))).sendKeys(text);
        clickFresh(item);
        String banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("channel-banner"))).getText();
        assertTrue(banner.contains(channelName + " is disconnected"), banner);
        assertTrue(browser.findElements(By.id("composer")).isEmpty(), "a disconnected number offers no composer");
        assertTrue(browser.findElements(By.id("window-countdown")).isEmpty(), "nor a window that cannot be used");
        assertShowsNoPlaceholders("the disconnected thread");
        screenshot("disconnected-number");

        browser.get(url("app/settings/whatsapp/channels"));
        By channelRow = By.cssSelector("#channels tr[data-channel-id='" + channel.getInt("id") + "']");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#channels tr[data-channel-id='" + channel.getInt("id")
                + "'] button.reconnect"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(channelRow, "Connected"));
        browser.get(url("app/tabs/whatsapp/messages"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("conversation-search"))).sendKeys(text);
        clickFresh(item);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-text")));
        assertTrue(browser.findElements(By.id("channel-banner")).isEmpty(), "reconnected, the number answers again");
        assertFalse(browser.findElement(By.id("enter-sends")).isSelected(), "the choice about Enter is kept");
    }

    @Test
    void everyScreenInEnglishAndJapaneseShowsOnlyFilledInValues() throws InterruptedException {
        String phoneNumberId = Organisations.sandboxChannel(base, "Screens").getString("phoneNumberId");
        String text = "Screens tour " + System.nanoTime();
        ApiClient.sandbox(base).post("/sandbox/api/customers/819044400001/messages", Json.createObjectBuilder()
                .add("phoneNumberId", phoneNumberId).add("name", "山田 花子").add("type", "text").add("text", text).build());
        Eventually.eventually("the conversation", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where text = ?", text) == 1);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where text = ?", text);
        long contact = TestDatabase.number("select contact_id from whatsapp.conversation where id = ?", conversation);
        String deal = "Screens deal " + System.nanoTime();
        Organisations.administrator(base).post("/api/crm/pipelines", Json.createObjectBuilder().add("name", deal)
                .add("stage", "Qualification").add("amount", 14400).add("contactId", contact).build());
        // What each screen shows once its data has arrived.
        Map<String, By> screens = new LinkedHashMap<>();
        screens.put("messages", By.cssSelector("#bubbles li"));
        screens.put("settings", By.cssSelector("a[data-settings='whatsapp/channels']"));
        screens.put("channels", By.cssSelector("#channels tbody tr"));
        screens.put("quick-replies", By.cssSelector("whatsapp-quick-replies-settings h2"));
        screens.put("permissions", By.cssSelector("whatsapp-permissions-settings table"));
        screens.put("delivery-problems", By.cssSelector("whatsapp-delivery-problems-settings h2"));
        screens.put("contact", By.cssSelector("whatsapp-record-panel li, whatsapp-record-panel p"));
        screens.put("users", By.cssSelector("#users tbody tr"));
        screens.put("pipelines", By.xpath("//tr[td[normalize-space(.)='" + deal + "']]"));
        screens.put("templates", By.cssSelector("whatsapp-templates-settings #templates-list > *"));
        screens.put("credits", By.cssSelector("whatsapp-credits-settings #ledger-table"));
        screens.put("payments", By.id("decline-every-payment"));
        Map<String, String> paths = new java.util.HashMap<>(Map.of("pipelines", "app/pipelines",
                "templates", "app/settings/whatsapp/templates", "messages", "app/tabs/whatsapp/messages?conversation=" + conversation,
                "settings", "app/settings", "channels", "app/settings/whatsapp/channels",
                "quick-replies", "app/settings/whatsapp/quick-replies", "permissions", "app/settings/whatsapp/permissions",
                "delivery-problems", "app/settings/whatsapp/delivery-problems", "contact", "app/contacts/" + contact,
                "users", "app/settings/users"));
        paths.put("credits", "app/settings/whatsapp/credits");
        paths.put("payments", "app/settings/payments");

        logInAsAdministrator("app/tabs/whatsapp/messages");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversations")));
        for (String language : List.of("en", "ja")) {
            browser.manage().addCookie(new org.openqa.selenium.Cookie("crm-lang", language, "/"));
            for (Map.Entry<String, By> screen : screens.entrySet()) {
                browser.get(url(paths.get(screen.getKey())));
                wait.until(ExpectedConditions.presenceOfElementLocated(screen.getValue()));
                screenshot(screen.getKey() + "-" + language);
                assertShowsNoPlaceholders(screen.getKey() + " in " + language);
            }
        }
        // Names in each language's order, amounts in the organisation's currency (JP: yen, no decimals).
        for (String language : List.of("en", "ja")) {
            browser.manage().addCookie(new org.openqa.selenium.Cookie("crm-lang", language, "/"));
            browser.get(url("app/contacts/" + contact));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("record-title"),
                    language.equals("ja") ? "山田 花子" : "花子 山田"));
            browser.get(url(paths.get("pipelines")));
            String amount = wait.until(ExpectedConditions.visibilityOfElementLocated(screens.get("pipelines"))).getText();
            assertTrue(amount.matches("(?s).*[¥￥]14,400(?!\\.).*"), language + ": " + amount);
        }
    }

    @Test
    void anAdministratorAddsAUserWithAProfileAndDeactivatesThemWithoutTheApi() {
        logInAsAdministrator("app/settings");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-settings='users']"))).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add-user")));
        WebElement own = browser.findElement(By.xpath("//table[@id='users']//tr[td[2][text()='admin']]"));
        assertTrue(own.findElements(By.className("deactivate")).isEmpty() && !own.findElement(By.tagName("select")).isEnabled(),
                "an administrator cannot lock themselves out");
        String username = "trial" + System.nanoTime() % 1_000_000;
        form.findElement(By.name("name")).sendKeys("試用 ユーザー");
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("password")).sendKeys("a-trial-password");
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("profileId"))).selectByVisibleText("Standard");
        form.findElement(By.cssSelector("button[type='submit']")).click();

        By row = By.xpath("//table[@id='users']//tr[td[2][text()='" + username + "']]");
        WebElement added = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertTrue(added.getText().contains("試用 ユーザー"), added.getText());
        assertEquals("Standard", new org.openqa.selenium.support.ui.Select(added.findElement(By.tagName("select")))
                .getFirstSelectedOption().getText());
        added.findElement(By.className("deactivate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "No (deactivated)"));
        assertEquals(401, ApiClient.as(base, username, "a-trial-password").get("/api/crm/session").status(),
                "a deactivated user cannot log in");
        screenshot("users-settings");
    }

    @Test
    void anAdministratorWritesTemplatesThatMetaReviewsAndAnAgentStartsAndReopensChatsWithThem() throws Exception {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        JsonObject channel = Organisations.sandboxChannel(base, "Templates " + System.nanoTime() % 100_000);
        String channelId = Integer.toString(channel.getInt("id"));
        String name = "order_ready_" + System.nanoTime() % 1_000_000;

        logInAsAdministrator("app/settings/whatsapp/templates");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-template"))).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-form")));
        if (!form.findElements(By.name("channelId")).isEmpty()) {
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("channelId"))).selectByValue(channelId);
        }
        form.findElement(By.name("name")).sendKeys(name);
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("language"))).selectByValue("en_US");
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("headerKind"))).selectByValue("TEXT");
        form.findElement(By.name("header")).sendKeys("Your order");
        WebElement body = form.findElement(By.name("body"));
        body.sendKeys("Hello ");
        form.findElement(By.cssSelector("#template-field-picker button[data-field='#Contacts.First Name#']")).click();
        body.sendKeys(", your order from ");
        form.findElement(By.cssSelector("#template-field-picker button[data-field='#Companies.Name#']")).click();
        body.sendKeys(" is ready.");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fields-counter"), "2 / 10"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-preview"),
                "Your order\n\nHello Hanako, your order from Example Trading is ready."));
        screenshot("template-form");
        form.findElement(By.id("submit-template")).click();
        By row = By.cssSelector("#templates tr[data-template-id]");
        By written = By.xpath("//table[@id='templates']//tr[.//code[text()='" + name + "']]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(written, "In review"));
        // The sandbox reviews within seconds; the list follows without a reload.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(written, "data-status", "APPROVED"));
        assertTrue(browser.findElement(written).getText().contains("Approved"));

        String rejectedName = "lucky_" + System.nanoTime() % 1_000_000;
        admin.post("/api/whatsapp/templates", Json.createObjectBuilder().add("channelId", channel.getInt("id"))
                .add("name", rejectedName).add("language", "en_US").add("category", "MARKETING")
                .add("body", "You have won the lottery, #Contacts.First Name#! Reply to claim it.").build());
        browser.navigate().refresh();
        By rejected = By.xpath("//table[@id='templates']//tr[.//code[text()='" + rejectedName + "']]");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(rejected, "data-status", "REJECTED"));
        assertTrue(browser.findElement(rejected).getText().contains("Meta suspected a scam"), browser.findElement(rejected).getText());
        screenshot("templates-reviewed");
        assertFalse(browser.findElements(row).isEmpty());

        // An agent starts a new chat with the approved template; the CRM has no company for the contact, so they type it.
        String customer = "8190" + (20_000_000 + System.nanoTime() % 9_000_000);
        admin.post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Aiko").add("lastName", "Tanaka")
                .add("phone", "+" + customer).build());
        browser.get(url("app/tabs/whatsapp/messages"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-chat-button"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-chat-contact"))).sendKeys(customer.substring(4));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#new-chat-results button[data-contact-id]"))).click();
        if (!browser.findElements(By.id("new-chat-number")).isEmpty()) {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-chat-number"))).selectByValue(channelId);
        }
        WebElement choice = wait.until(ExpectedConditions.elementToBeClickable(By.id("template-choice")));
        new org.openqa.selenium.support.ui.Select(choice).selectByVisibleText(name + " · en_US · Utility");
        WebElement company = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#template-values input[data-key='company_name']")));
        assertFalse(browser.findElement(By.id("send-template")).isEnabled(), "nothing is sent with a value missing");
        company.sendKeys("Tanaka Shoten");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-send-preview"),
                "Hello Aiko, your order from Tanaka Shoten is ready."));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send-template"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "your order from Tanaka Shoten is ready"));
        assertTrue(browser.findElements(By.id("composer")).isEmpty(), "until the customer answers, only templates");
        assertEquals(List.of("Aiko", "Tanaka Shoten"), sentBodyTexts(channel.getString("phoneNumberId"), customer));
        screenshot("new-chat-started");

        // A chat whose window closed a day ago is reopened from the composer's template offer.
        String lateCustomer = "8190" + (30_000_000 + System.nanoTime() % 9_000_000);
        String wamid = Webhooks.newWamid();
        JsonObject old = Json.createObjectBuilder(Webhooks.textMessage(lateCustomer, wamid, "Is my order ready?"))
                .add("timestamp", Long.toString(java.time.Instant.now().minusSeconds(30 * 3600).getEpochSecond())).build();
        byte[] delivery = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(old), Json.createArrayBuilder()));
        ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", delivery, "X-Hub-Signature-256", Webhooks.signature(delivery));
        Eventually.eventually("the old conversation", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
        long contact = TestDatabase.number("select contact_id from whatsapp.conversation where id = ?", conversation);
        long company2 = admin.post("/api/crm/companies", Json.createObjectBuilder().add("name", "Late Trading").build()).id();
        admin.patch("/api/crm/contacts/" + contact, Json.createObjectBuilder().add("companyId", company2).build());
        browser.get(url("app/tabs/whatsapp/messages?conversation=" + conversation));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-offer")));
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("template-choice"))))
                .selectByVisibleText(name + " · en_US · Utility");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-send-preview"), "from Late Trading is ready"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send-template"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), "your order from Late Trading is ready"));
        assertShowsNoPlaceholders("the reopened chat");
        screenshot("closed-chat-reopened");
    }

    @Test
    void fromAChatAnAgentUpdatesTheContactMakesAPipelineRecordOfTwoMessagesAndAnswersFromTheRecordsPage() throws Exception {
        JsonObject channel = Organisations.sandboxChannel(base, "Beside the chat " + System.nanoTime() % 100_000);
        String customer = "8190" + (40_000_000 + System.nanoTime() % 9_000_000);
        String first = "I need 30 boxes of sencha " + System.nanoTime();
        String second = "Delivery before Friday, please";
        for (String text : List.of(first, second)) {
            ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Ren Sato").add("type", "text")
                    .add("text", text).build());
        }
        Eventually.eventually("both messages", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where text in (?, ?)", first, second) == 2);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where text = ?", first);

        logInAsAdministrator("app/tabs/whatsapp/messages?conversation=" + conversation);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-contact"))).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-form")));
        form.findElement(By.name("email")).sendKeys("ren@example.com");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("contact-email"), "ren@example.com"));
        // A colleague renames the customer from the same chat elsewhere: the open panel follows without a reload.
        assertEquals(200, ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD).patch("/api/whatsapp/conversations/"
                + conversation + "/contact", Json.createObjectBuilder().add("firstName", "Renji").build()).status());
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("contact-link"), "Renji"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-record"))).click();
        WebElement recordForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-form")));
        WebElement name = recordForm.findElement(By.name("name"));
        name.clear();
        name.sendKeys("Sencha, 30 boxes");
        recordForm.findElement(By.name("amount")).sendKeys("54000");
        for (String text : List.of(first, second)) {
            recordForm.findElement(By.xpath(".//li[.//label[contains(., '" + text + "')]]//input")).click();
        }
        recordForm.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement record = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//section[@id='related-records']//a[text()='Sencha, 30 boxes']")));
        screenshot("chat-with-related-records");

        record.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("record-title"), "Sencha, 30 boxes"));
        String page = wait.until(driver -> {
            String text = driver.findElement(By.tagName("body")).getText();
            return text.contains(first) && text.contains(second) ? text : null;
        });
        assertTrue(page.contains("Ren Sato"), "the notes say who wrote: " + page);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "whatsapp-record-panel li[data-conversation-id='" + conversation + "'] button.read-here"))).click();
        String answer = "Thank you, Ren: 30 boxes before Friday " + System.nanoTime();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("whatsapp-record-panel #composer-text")))
                .sendKeys(answer, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//whatsapp-record-panel//li[contains(@class,'bubble out') and contains(., '" + answer + "')]")));
        assertEquals("ren@example.com", ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD)
                .get("/api/crm/contacts/" + TestDatabase.number("select contact_id from whatsapp.conversation where id = ?",
                        conversation)).json().getString("email"), "the host's own record changed");
        assertShowsNoPlaceholders("the pipeline record's page");
        screenshot("pipeline-record-from-chat");
    }

    @Test
    void anAgentSeesATemplatesPriceAndAClearRefusalAndAnAdministratorBuysCreditsAndSeesTheLedgerAndChart() throws Exception {
        // An organisation of its own, with no credits yet.
        String owner = "shop" + System.nanoTime() % 1_000_000;
        ApiClient admin = Organisations.outsider(base, owner);
        long adminId = admin.get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
        JsonObject channel = admin.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Tea shop").add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json();
        long template = admin.post("/api/whatsapp/templates", Json.createObjectBuilder().add("channelId", channel.getInt("id"))
                .add("name", "spring_tea_" + System.nanoTime() % 1_000_000).add("language", "en_US").add("category", "MARKETING")
                .add("body", "Our spring tea has arrived.").build()).id();
        Eventually.eventually("approved", 20, () -> "APPROVED".equals(admin.get("/api/whatsapp/templates/" + template).json()
                .getString("status")));
        long contact = admin.post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Aiko").add("lastName", "Ueda")
                .add("phone", "+8190" + (50_000_000 + System.nanoTime() % 9_000_000)).build()).id();
        long agents = admin.post("/api/crm/profiles", Json.createObjectBuilder().add("name", "Agents").build()).id();
        admin.put("/api/whatsapp/permissions/" + agents, Json.createObjectBuilder().add("level", "VIEW_AND_REPLY").build());
        String agent = owner + "-agent";
        admin.post("/api/crm/users", Json.createObjectBuilder().add("username", agent).add("name", "Agent").add("profileId", agents)
                .add("password", "agent-password").build());

        logIn("app/contacts/" + contact, agent, "agent-password");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("record-send-whatsapp"))).click();
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("template-choice"))))
                .selectByValue(Long.toString(template));
        WebElement price = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-price")));
        wait.until(ExpectedConditions.textToBePresentInElement(price, "Costs 1 credit"));
        assertTrue(price.getText().contains("Settings > Messages > Credits"), "what to do about the balance: " + price.getText());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send-template"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-send-status"),
                "redit balance is 0 and this message needs 1"));
        screenshot("template-refused-for-credits");

        browser.manage().deleteAllCookies();
        logIn("app/settings/whatsapp/credits", owner, EmbeddedDatabaseSession.ADMIN_PASSWORD);
        WebElement amount = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("buy-credits")));
        amount.clear();
        amount.sendKeys("10");
        browser.findElement(By.id("buy")).click();
        wait.until(ExpectedConditions.textToBe(By.id("credit-balance"), "10 credits"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ledger-table"), "Purchase"));

        assertEquals(201, admin.post("/api/whatsapp/chats", Json.createObjectBuilder().add("contactId", contact)
                .add("channelId", channel.getInt("id")).add("templateId", template).build()).status());
        Eventually.eventually("charged", 20, () -> TestDatabase.number("select count(*) from whatsapp.credit_entry"
                + " where organisation_id = (select organisation_id from crm.user_account where id = ?) and kind = 'CHARGE'",
                adminId) == 1);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("credit-balance"), "9 credits"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#usage-chart .uplot canvas")));
        assertTrue(browser.findElement(By.id("usage-table")).getAttribute("textContent").contains("Marketing"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ledger-table"), "Charged"));
        assertShowsNoPlaceholders("the credits screen");
        screenshot("credits");
    }

    /** The body parameters of the latest template the sandbox (Meta) received for a customer. */
    private List<String> sentBodyTexts(String phoneNumberId, String customer) throws InterruptedException {
        Eventually.eventually("the template at Meta", 20, () -> ApiClient.sandbox(base).get("/sandbox/api/sent?phoneNumberId="
                + phoneNumberId + "&to=" + customer).body().contains("\"template\""));
        JsonObject template = ApiClient.sandbox(base).get("/sandbox/api/sent?phoneNumberId=" + phoneNumberId + "&to=" + customer)
                .structure().asJsonArray().stream().map(JsonValue::asJsonObject).filter(m -> "template".equals(m.getString("type")))
                .reduce((first, second) -> second).orElseThrow().getJsonObject("body").getJsonObject("template");
        return template.getJsonArray("components").getJsonObject(0).getJsonArray("parameters").stream()
                .map(p -> p.asJsonObject().getString("text")).toList();
    }

    /** The unread count the page title starts with, {@code (3) ...}; 0 without one. */
    private int unreadInTitle() {
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("^\\((\\d+)\\) ").matcher(browser.getTitle());
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    /** Fails when the page shows a value that was never filled in: null, undefined, an element as text. */
    private void assertShowsNoPlaceholders(String where) {
        String page = browser.findElement(By.tagName("body")).getText();
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\bnull\\b|\\bundefined\\b|\\[object|\\bNaN\\b")
                .matcher(page);
        boolean found = placeholder.find();
        assertFalse(found, () -> where + " shows '" + placeholder.group() + "': " + page);
    }

    @Test
    void anAgentSeesANewMessageArriveLiveAnswersWithAQuickReplyTextAndAPdfAndAssignsIt() throws Exception {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        long standard = admin.get("/api/crm/profiles").structure().asJsonArray().stream().map(v -> v.asJsonObject())
                .filter(p -> p.getString("name").equals("Standard")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        long colleague = admin.post("/api/crm/users", Json.createObjectBuilder().add("username", "colleague" + System.nanoTime())
                .add("name", "Colleague Kenji").add("profileId", standard).add("password", "colleague-password").build()).id();
        String phoneNumberId = Organisations.sandboxChannel(base, "Live").getString("phoneNumberId");

        String shortcut = "/thanks" + System.nanoTime() % 10_000;
        admin.post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", shortcut)
                .add("text", "Thank you #Contacts.First Name#, one moment please.").build());

        logInAsAdministrator("app/tabs/whatsapp/messages");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("whatsapp-messages-tab #conversations")));
        String text = "Live hello " + System.nanoTime();
        ApiClient.sandbox(base).post("/sandbox/api/customers/819012312312/messages", Json.createObjectBuilder()
                .add("phoneNumberId", phoneNumberId).add("name", "Live Customer").add("type", "text").add("text", text).build());

        By item = By.xpath("//ul[@id='conversations']/li[.//div[@class='preview' and text()='" + text + "']]");
        WebElement arrived = wait.until(ExpectedConditions.visibilityOfElementLocated(item));
        assertEquals("1", arrived.findElement(By.className("count")).getText(), "the new message is counted");
        wait.until(ExpectedConditions.textMatches(By.id("unread-total"), java.util.regex.Pattern.compile("\\d+ unread")));

        String conversationId = arrived.getAttribute("data-conversation-id");
        By conversationItem = By.cssSelector("#conversations li[data-conversation-id='" + conversationId + "']");
        arrived.click();
        wait.until(ExpectedConditions.textToBe(By.id("thread-title"), "Live Customer"));
        // The list item is redrawn when the chat is read: look it up afresh rather than hold a stale element.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.xpath("//ul[@id='conversations']/li[.//div[@class='preview' and text()='"
                + text + "']]//span[@class='count']"), 0));
        assertTrue(browser.findElement(By.id("bubbles")).getText().contains(text));

        WebElement composer = browser.findElement(By.id("composer-text"));
        composer.sendKeys(shortcut.substring(0, 5));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#quick-reply-suggestions li[data-shortcut='" + shortcut + "']")))
                .click();
        assertEquals("Thank you Live, one moment please.", composer.getAttribute("value"), "the quick reply, merged");
        browser.findElement(By.id("composer-send")).click();
        // Bubbles are redrawn on every live update: each check finds its element afresh.
        wait.until(ExpectedConditions.textToBe(By.xpath("//li[contains(@class,'bubble out') and contains(., "
                + "'Thank you Live, one moment please.')]//span[contains(@class,'tick DELIVERED')]"), "✓✓"));
        assertTrue(browser.findElement(By.id("window-countdown")).getText().matches("Reply window closes in 2[34] h \\d+ min"),
                browser.findElement(By.id("window-countdown")).getText());

        String typed = "Size M ships tomorrow " + System.nanoTime();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-text"))).sendKeys(typed);
        String meanwhile = "Do you ship to Osaka? " + System.nanoTime();
        String questionWamid = ApiClient.sandbox(base).post("/sandbox/api/customers/819012312312/messages", Json.createObjectBuilder()
                .add("phoneNumberId", phoneNumberId).add("name", "Live Customer").add("type", "text").add("text", meanwhile).build())
                .json().getJsonArray("wamids").getString(0);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bubbles"), meanwhile));
        assertEquals(typed, browser.findElement(By.id("composer-text")).getAttribute("value"),
                "what the agent was typing survives the customer's new message arriving live");
        By question = By.xpath("//li[contains(@class,'bubble in') and contains(., '" + meanwhile + "')]");
        wait.until(driver -> {
            try {
                WebElement bubble = driver.findElement(question);
                new org.openqa.selenium.interactions.Actions(driver).moveToElement(bubble).perform();
                bubble.findElement(By.className("quote-reply")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return false;
            }
        });
        assertTrue(browser.findElement(By.id("composer-quote")).getText().contains(meanwhile), "the answer quotes the question");
        browser.findElement(By.id("composer-send")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//li[contains(@class,'bubble out') and contains(., '"
                + typed + "')]/blockquote[contains(., '" + meanwhile + "')]")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//li[contains(@class,'bubble out') and contains(., '" + typed + "')]//span[contains(@class,'tick DELIVERED')]")));
        assertEquals(questionWamid, ApiClient.sandbox(base).get("/sandbox/api/sent").structure().asJsonArray().stream()
                .map(v -> v.asJsonObject().getJsonObject("body"))
                .filter(b -> b.containsKey("text") && b.getJsonObject("text").getString("body").equals(typed))
                .map(b -> b.getJsonObject("context").getString("message_id")).findFirst().orElse("none"),
                "WhatsApp shows the customer which message was answered");

        Path uploads = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "upload");
        Path notes = Files.writeString(uploads.resolve("notes.txt"), "plain text");
        browser.findElement(By.id("composer-file")).sendKeys(notes.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBe(By.id("composer-status"),
                "WhatsApp answers can carry .JPG .JPEG .PNG .PDF .DOC .DOCX .MP3 .MP4 files only."));
        assertFalse(browser.findElement(By.id("composer-chosen")).isDisplayed(), "the server's formats decide, before any upload");

        Path pdf = uploads.resolve("price-list.pdf");
        Files.write(pdf, SampleFiles.pdf());
        browser.findElement(By.id("composer-file")).sendKeys(pdf.toAbsolutePath().toString());
        assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer-chosen"))).getText()
                .contains("price-list.pdf"), "the chosen file is shown before sending");
        browser.findElement(By.id("composer-text")).sendKeys("Our price list");
        browser.findElement(By.id("composer-send")).click();
        By sentPdf = By.xpath("//li[contains(@class,'bubble out') and @data-type='document' and contains(., 'price-list.pdf')"
                + " and contains(., 'Our price list')]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//li[contains(@class,'bubble out') and @data-type='document' and contains(., 'price-list.pdf')]"
                        + "//span[contains(@class,'tick DELIVERED')]")));
        assertEquals(Files.size(pdf), ApiClient.sandbox(base).get("/sandbox/api/sent").structure().asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(m -> m.getString("type").equals("document"))
                .filter(m -> m.getJsonObject("media").getString("fileName").equals("price-list.pdf"))
                .mapToLong(m -> m.getJsonObject("media").getJsonNumber("size").longValue()).findFirst().orElse(-1),
                "the customer received the PDF the agent chose");
        // Found afresh on each try: live updates redraw the bubbles.
        assertEquals("price-list.pdf", wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver ->
                driver.findElement(sentPdf).findElement(By.cssSelector("a.attachment")).getAttribute("download")),
                "the agent can open what was sent");

        // The customer's side: the sandbox's customer page shows the answers, the PDF among them.
        browser.get(url("whatsapp/sandbox/customer.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#number option[value='" + phoneNumberId + "']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("number"))).selectByValue(phoneNumberId);
        WebElement waId = browser.findElement(By.id("wa-id"));
        waId.clear();
        waId.sendKeys("819012312312");
        WebElement file = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#received a.received-file")));
        assertTrue(file.getText().contains("price-list.pdf"), file.getText());
        assertTrue(browser.findElement(By.id("received")).getText().contains("Thank you Live, one moment please."));
        screenshot("customer-page");
        browser.get(url("app/tabs/whatsapp/messages?conversation=" + conversationId));
        wait.until(ExpectedConditions.textToBe(By.id("thread-title"), "Live Customer"));

        screenshot("messages-tab");
        browser.findElement(By.cssSelector("button[data-view='MINE']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(conversationItem));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("owner-select"))).selectByValue(Long.toString(colleague));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(conversationItem));
        jakarta.json.JsonObject assigned = admin.get("/api/whatsapp/conversations?view=ALL&q=" + text.replace(" ", "%20")).json()
                .getJsonArray("items").getJsonObject(0);
        assertEquals(colleague, assigned.getJsonNumber("ownerId").longValue(), "the owner was assigned");

        browser.get(url("app/contacts/" + assigned.getJsonNumber("contactId").longValue()));
        WebElement open = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "whatsapp-record-panel li[data-conversation-id='" + assigned.getJsonNumber("id").longValue() + "'] a")));
        assertTrue(browser.findElement(By.cssSelector("whatsapp-record-panel")).getText()
                .contains("📎 Our price list"), "the contact's page shows its WhatsApp conversation and the latest message");
        open.click();
        wait.until(ExpectedConditions.textToBe(By.id("thread-title"), "Live Customer"));
    }

    @Test
    void whenTheWindowClosesWhileTheChatIsOpenTheComposerGivesWayToTheTemplateOffer() {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        JsonObject channel = Organisations.sandboxChannel(base, "Closing");
        String wamid = Webhooks.newWamid();
        String text = "Wrote almost a day ago " + System.nanoTime();
        // The customer wrote 24 hours less half an hour ago: the agent has all the time this machine needs to open the
        // chat and start typing; then the page's clock moves past the window's end, as if the agent had stayed.
        Duration left = Duration.ofMinutes(30);
        JsonObject message = Json.createObjectBuilder(Webhooks.textMessage("819055501234", wamid, text))
                .add("timestamp", Long.toString(java.time.Instant.now().minus(Duration.ofDays(1).minus(left)).getEpochSecond()))
                .build();
        byte[] body = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(message), Json.createArrayBuilder()));
        ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));

        logInAsAdministrator("app/tabs/whatsapp/messages");
        WebElement search = wait.until(ExpectedConditions.elementToBeClickable(By.id("conversation-search")));
        // The page's clock is the test's: the repeating timers it sets from now on (the open chat's countdown among
        // them) are kept, so that the test can make them strike now instead of waiting for their half minute.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.testTimers = [];"
                + " const every = window.setInterval.bind(window);"
                + " window.setInterval = (run, ms, ...rest) => { window.testTimers.push(run); return every(run, ms, ...rest); };");
        // A day-old chat is below newer ones: the agent finds it by its text.
        search.sendKeys(text);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//ul[@id='conversations']/li[.//div[@class='preview' and text()='" + text + "']]"))).click();
        String countdown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("window-countdown"))).getText();
        java.util.regex.Matcher minutes = java.util.regex.Pattern.compile("Reply window closes in (\\d+) min").matcher(countdown);
        assertTrue(minutes.matches() && Integer.parseInt(minutes.group(1)) <= left.toMinutes(), countdown);
        assertTrue(browser.findElement(By.id("composer-text")).isEnabled(), "still open: the agent may answer");
        String draft = "Sorry for the wait, your parcel " + System.nanoTime();
        browser.findElement(By.id("composer-text")).sendKeys(draft);

        // The page counts the window down on its own clock, every half minute: its clock moved past the window's end,
        // the next count, struck now, closes it.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("const ahead = arguments[0];"
                + " const now = Date.now.bind(Date); Date.now = () => now() + ahead;"
                + " if (!window.testTimers || window.testTimers.length === 0) throw new Error('no countdown was set');"
                + " window.testTimers.forEach((run) => run());", left.plusMinutes(1).toMillis());
        WebElement offer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-offer")));
        assertTrue(offer.getText().contains("only an approved message template"), offer.getText());
        assertTrue(browser.findElements(By.id("composer-text")).isEmpty(), "no free text once the window closed");
        assertEquals("The 24-hour reply window is closed.", browser.findElement(By.id("window-countdown")).getText());
        assertEquals(draft, browser.findElement(By.id("kept-draft")).getAttribute("value"),
                "what the agent was typing is kept to copy, not lost with the composer");
        screenshot("window-closed");
    }

    @Test
    void anAdministratorConnectsASandboxNumberFromTheSettingsAndSeesItListed() {
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        long standard = admin.get("/api/crm/profiles").structure().asJsonArray().stream().map(v -> v.asJsonObject())
                .filter(p -> p.getString("name").equals("Standard")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        String blind = "Blind Agent " + System.nanoTime() % 100_000;
        admin.post("/api/crm/users", Json.createObjectBuilder().add("username", "blind" + System.nanoTime()).add("name", blind)
                .add("profileId", standard).add("password", "blind-password").build());

        logInAsAdministrator("app/settings/whatsapp/channels");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-now"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("mode-sandbox"))).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#channel-form input[name=name]")));
        String offered = browser.findElement(By.xpath("//label[contains(@class,'assignee') and contains(., '" + blind + "')]")).getText();
        assertTrue(offered.contains("cannot see WhatsApp chats and is skipped"), "a user who would not see the chats is marked: " + offered);
        name.clear();
        name.sendKeys("Front desk");
        browser.findElement(By.id("save-channel")).click();

        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='channels']//tr[td[1][text()='Front desk']]")));
        assertTrue(row.getText().contains("Connected"), row.getText());
        assertTrue(row.getText().contains("Sandbox"), "the mode in words: " + row.getText());
        assertTrue(browser.findElement(By.id("callback-url")).getText().endsWith("/webhooks/whatsapp"));
        screenshot("channels-settings");
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
        assertEquals("Messages", messagesTab.findElement(By.className("tab-title")).getText());

        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr[data-id='" + contact + "'] a")));
        row.click();
        WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-title")));
        assertEquals("Yuki " + hostile, title.getText(), "customer text is shown as text, never run as HTML");
        assertTrue(browser.findElements(By.cssSelector("#view img")).isEmpty());
        assertTrue(browser.getCurrentUrl().endsWith("/app/contacts/" + contact));

        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-contribution='whatsapp/contact-messages'] whatsapp-record-panel p")));
        assertEquals("No WhatsApp conversation with this contact yet.", panel.getText());

        browser.findElement(By.cssSelector("#main-nav a[data-tab='whatsapp/messages']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("whatsapp-messages-tab #conversations")));
        assertTrue(!"owned".equals(browser.getTitle()));
    }

    @Test
    void anAdministratorSeesWhyAMessageWasNotProcessedAndRetriesIt() throws InterruptedException {
        JsonObject channel = Organisations.sandboxChannel(base, "Problems");
        String customer = "8190" + (10_000_000 + System.nanoTime() % 89_999_999);
        String wamid = Webhooks.newWamid();
        JsonObject payload = Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("phone_number_id", channel.getString("phoneNumberId")))
                .add("message", Webhooks.textMessage(customer, wamid, "Parked, then delivered"))
                .add("contact", Json.createObjectBuilder().add("wa_id", customer)
                        .add("profile", Json.createObjectBuilder().add("name", "Parked Customer"))).build();
        // An event parked after its attempts, as when the CRM was failing while it arrived.
        TestDatabase.update("insert into whatsapp.webhook_event (organisation_id, channel_id, kind, dedupe_key, wamid,"
                        + " occurred_at, payload, received_at, attempts, last_error, parked_at)"
                        + " select organisation_id, id, 'MESSAGE', ?, ?, now(), cast(? as jsonb), now(), 5,"
                        + " 'the CRM did not answer: <script>alert(1)</script>', now() from whatsapp.channel where id = ?"
                        + " returning id",
                "m:browser:" + wamid, wamid, payload.toString(), channel.getInt("id"));

        logInAsAdministrator("app/settings");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-settings='whatsapp/delivery-problems']")))
                .click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//table[@id='delivery-problems']//tr[td[text()='+" + customer + "']]")));
        assertTrue(row.getText().contains("the CRM did not answer: <script>alert(1)</script>"), row.getText());
        assertTrue(row.getText().contains(channel.getString("displayPhoneNumber")), row.getText());
        screenshot("delivery-problems");

        row.findElement(By.xpath(".//button[text()='Retry']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                "//table[@id='delivery-problems']//tr[td[text()='+" + customer + "']]")));
        assertTrue(browser.getPageSource().contains("Sent for processing again."));
        Eventually.eventually("the retried message in its conversation", 10, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
    }

    @Test
    void aCustomerWritingFromANumberTheCrmRefusesAppearsInTheMessagesTab() {
        String phoneNumberId = Organisations.sandboxChannel(base, "London").getString("phoneNumberId");
        String text = "Do you deliver to London? " + System.nanoTime();

        logInAsAdministrator("app/tabs/whatsapp/messages");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("whatsapp-messages-tab #conversations")));
        browser.get(url("whatsapp/sandbox/customer.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#number option[value='" + phoneNumberId + "']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("number"))).selectByValue(phoneNumberId);
        for (String[] field : new String[][]{{"wa-id", "+44 7700 900999"}, {"name", "Olivia ✨ Brown"}, {"text", text}}) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textMatches(By.id("result"), java.util.regex.Pattern.compile("Sent .* HTTP 200\\.")));

        browser.get(url("app/tabs/whatsapp/messages"));
        WebElement arrived = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//ul[@id='conversations']/li[.//div[@class='preview' and text()='" + text + "']]")));
        arrived.click();
        wait.until(ExpectedConditions.textToBe(By.id("thread-title"), "Olivia ✨ Brown"));
        assertTrue(browser.findElement(By.id("bubbles")).getText().contains(text));
        assertTrue(browser.findElement(By.id("thread")).getText().contains("+44 7700 900999"),
                "the chat shows the customer's number, as the UK writes it");
        screenshot("refused-number-chat");

        WebElement search = browser.findElement(By.id("conversation-search"));
        search.sendKeys("+44 7700 900999");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//ul[@id='conversations']/li[.//div[@class='preview' and text()='" + text + "']]")));
        search.clear();
        search.sendKeys("no such words anywhere " + System.nanoTime());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("whatsapp-messages-tab"),
                "No conversation matches this search"));
    }

    @Test
    void anAdministratorAddsAQuickReplyOnItsSettingsScreen() {
        logInAsAdministrator("app/settings");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-settings='whatsapp/quick-replies']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-quick-reply"))).click();
        String shortcut = "/hours" + System.nanoTime() % 100_000;
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quick-reply-form")));
        WebElement shortcutField = form.findElement(By.name("shortcut"));
        shortcutField.clear();
        shortcutField.sendKeys(shortcut);
        form.findElement(By.name("text")).sendKeys("Dear ");
        form.findElement(By.cssSelector("#merge-field-picker button[data-field='#Contacts.First Name#']")).click();
        form.findElement(By.name("text")).sendKeys(", open 9 to 6, 営業時間は9時から18時です");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("quick-replies"), shortcut));
        assertTrue(browser.findElement(By.id("quick-replies")).getText()
                .contains("Dear #Contacts.First Name#, open 9 to 6, 営業時間は9時から18時です"), "the picker put the field where the cursor was");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-quick-reply"))).click();
        form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quick-reply-form")));
        form.findElement(By.name("text")).sendKeys("No shortcut");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(form.findElement(By.className("error")), "shortcut"));
        assertFalse(browser.findElement(By.tagName("whatsapp-quick-replies-settings")).getText().contains("Saved."),
                "the earlier success does not stand beside the new error");

        browser.manage().addCookie(new org.openqa.selenium.Cookie("crm-lang", "ja", "/"));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-quick-reply"))).click();
        form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quick-reply-form")));
        form.findElement(By.name("text")).sendKeys("ショートカットなし");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(form.findElement(By.className("error")),
                "ショートカットは / の後に"));
        screenshot("quick-reply-refused-ja");
    }
}
