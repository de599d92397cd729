package io.campusguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven by Selenium through Debian's chromedriver (no browser download). Flags:
 * without the background-networking ones Chromium tries Google's hosts, which this machine's closed network
 * refuses. Each session gets a fresh profile folder, removed at close.
 */
public final class BrowserSession implements AutoCloseable {
  private final WebDriver driver;
  private final Path profile;

  public BrowserSession() {
    this(new String[0]);
  }

  /** With these Chromium flags besides the usual ones (e.g. the SPKI pin of a test certificate). */
  public BrowserSession(String... extraArguments) {
    try {
      this.profile = Files.createTempDirectory("cg-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(TestServices.chromium());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--lang=zh-CN",
        "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(Path.of(TestServices.chromedriver()).toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1440, 900));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves a PNG of the page under {@code target/screenshots/NAME.png} and returns its path. */
  public Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temp profile is harmless.
    }
  }
}
