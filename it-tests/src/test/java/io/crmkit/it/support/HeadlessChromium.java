package io.crmkit.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The browser of the UI tests: the Chromium and driver that {@code bin/test} installs, headless, in English. */
public final class HeadlessChromium {
    /** Every browser opened in this run; quitting one twice does nothing, so the run's end quits them all again. */
    private static final java.util.List<WebDriver> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(HeadlessChromium::quitAll, "browsers-quit"));
    }

    private HeadlessChromium() {
    }

    /**
     * Quits every browser this run opened and a test left open (one that failed before its {@code finally}, or was
     * stopped): at the end of the run and when the test JVM stops.
     */
    public static void quitAll() {
        for (WebDriver browser : OPENED) {
            try {
                browser.quit();
            } catch (RuntimeException alreadyGone) {
                // its driver has died with it
            }
            OPENED.remove(browser);
        }
    }

    /** A new browser with a profile of its own; the caller quits it. */
    public static WebDriver open() {
        Path profile;
        try {
            profile = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "chromium");
        } catch (IOException noFolder) {
            throw new UncheckedIOException(noFolder);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        OPENED.add(browser);
        return browser;
    }

    /** Opens {@code url}, which sends the browser to the login page, and logs in there. */
    public static void logIn(WebDriver browser, WebDriverWait wait, String url, String username, String password) {
        browser.get(url);
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
    }
}
