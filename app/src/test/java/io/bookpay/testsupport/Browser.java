package io.bookpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the page tests: Debian's {@code chromium} driven through its {@code
 * chromium-driver}, both by explicit path (Selenium Manager would try to download a driver). With no
 * browser the tests are skipped, saying how to install one; in CI ({@code CI=true}) they fail.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BOOKPAY_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("BOOKPAY_CHROMEDRIVER", "/usr/bin/chromedriver"));
  /** Screenshots of every page at phone and desktop widths, written in every run. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

  public final ChromeDriver driver;
  public final Path downloads;
  private final Path profile;

  private Browser(ChromeDriver driver, Path downloads, Path profile) {
    this.driver = driver;
    this.downloads = downloads;
    this.profile = profile;
  }

  /** Starts the browser, or skips (fails in CI) the calling test when there is none. */
  public static Browser start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String message = "No browser for the page tests (" + CHROMIUM + " and " + DRIVER + "): install Debian's chromium and"
          + " chromium-driver (apt-get install chromium chromium-driver), or point BOOKPAY_CHROMIUM and BOOKPAY_CHROMEDRIVER at them.";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message + " In CI a missing browser fails the run.");
      }
      Assumptions.abort(message);
    }
    try {
      Path profile = Files.createTempDirectory("bookpay-chromium-");
      Path downloads = Files.createTempDirectory("bookpay-downloads-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900");
      options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download",
          false));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30)).pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, downloads, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current page at a phone's and a desktop's width, as {@code <name>-phone.png} and {@code <name>-desktop.png}. */
  public void screenshots(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (Map.Entry<String, Dimension> size : Map.of("phone", new Dimension(390, 844), "desktop", new Dimension(1280, 900)).entrySet()) {
        driver.manage().window().setSize(size.getValue());
        Files.write(SCREENSHOTS.resolve(name + "-" + size.getKey() + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs axe-core on the current page and asserts no serious or critical violation. */
  @SuppressWarnings("unchecked")
  public void assertAccessible(String page) {
    JavascriptExecutor js = driver;
    js.executeScript(axeSource());
    Object result = js.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))
          .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: ''}]));
        """);
    List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
    assertThat(violations.stream().filter(v -> List.of("serious", "critical").contains(v.get("impact"))).toList())
        .as("serious or critical accessibility violations on %s", page).isEmpty();
  }

  private static String axeSource() {
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
      assertThat(in).as("axe-core webjar on the test class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    deleteQuietly(profile);
    deleteQuietly(downloads);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
