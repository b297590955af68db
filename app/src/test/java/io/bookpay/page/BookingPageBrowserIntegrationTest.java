package io.bookpay.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.Browser;
import io.bookpay.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The booking page in a real browser (headless Chromium): open a link, pick a day and a time, book,
 * see the confirmation, download the calendar file, and find the single-use link used up after;
 * then the business signs in to its dashboard and sees that booking counted.
 * Every page passes axe-core without serious or critical violations and is photographed at phone and
 * desktop widths into {@code app/target/screenshots/}.
 */
class BookingPageBrowserIntegrationTest extends IntegrationTest {

  @Test
  void aClientBooksThroughTheLinkPageInABrowser() throws IOException {
    try (Browser browser = Browser.start()) {
      TestTenant tenant = newTenant();
      http.patch().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("displayName", "Harbour Clinic", "brandColor", "#0b6e4f", "contactEmail", "desk@harbour.example",
              "contactPhone", "+44 20 7946 0000", "address", "1 Harbour Street\nPort Town"))
          .exchange().expectStatus().isOk();
      CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
      Map<?, ?> link = http.post().uri("/v1/links").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("serviceId", catalog.serviceId, "maxUses", 1,
              "customer", Map.of("name", "Ada Client", "email", "ada-" + UUID.randomUUID() + "@example.com")))
          .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
      String base = "http://127.0.0.1:" + port;
      String page = base + "/b/" + link.get("token");
      String week = CatalogFixture.nextWeekAt(10, 0).atZone(ZoneOffset.UTC).toLocalDate().toString();
      var driver = browser.driver;

      driver.get(page + "?week=" + week);
      assertThat(driver.getTitle()).contains("Consultation", "Harbour Clinic");
      assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Ada Client");
      assertThat(driver.findElement(By.id("consent")).isSelected()).isFalse();
      browser.assertAccessible("the booking page");
      browser.screenshots("booking-page");

      // The script switches days in place: pick the last day with times, then its first time.
      var days = driver.findElements(By.cssSelector("a.day[data-day]"));
      assertThat(days).isNotEmpty();
      var day = days.get(days.size() - 1);
      day.click();
      assertThat(day.getDomAttribute("aria-current")).isEqualTo("date");
      var time = driver.findElement(By.cssSelector("#times .grid[data-day='" + day.getDomAttribute("data-day") + "'] label.time"));
      assertThat(time.isDisplayed()).isTrue();
      // Only that day's times show: the other days' groups are hidden, whatever display the grid's style gives them.
      assertThat(driver.findElements(By.cssSelector("#times .grid")).stream().filter(g -> g.isDisplayed())
          .map(g -> g.getDomAttribute("data-day")).toList()).containsExactly(day.getDomAttribute("data-day"));
      time.click();
      driver.findElement(By.cssSelector("button.book")).click();

      await().atMost(Duration.ofSeconds(20)).alias("the confirmation page after booking")
          .failFast("a refusal page", () -> driver.findElements(By.cssSelector(".notice, .card")).stream().anyMatch(e -> e.isDisplayed())
              && Files.writeString(Files.createDirectories(Browser.SCREENSHOTS).resolve("refusal.html"), driver.getPageSource()) != null)
          .until(() -> driver.getCurrentUrl().contains("/b/booking/"));
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("You are booked");
      browser.assertAccessible("the confirmation page");
      browser.screenshots("booking-confirmation");
      assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND status = 'CONFIRMED'", tenant.id())).isEqualTo(1);

      driver.findElement(By.cssSelector("a[download]")).click();
      Path ics = browser.downloads.resolve("appointment.ics");
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ics) && Files.size(ics) > 0);
      assertThat(Files.readString(ics)).startsWith("BEGIN:VCALENDAR").contains("SUMMARY:Consultation at Harbour Clinic");

      driver.get(page);
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This link has been used up");
      browser.assertAccessible("the used-up page");
      browser.screenshots("booking-used-up");

      // The business signs in to its dashboard and finds the booking counted once the projection has it.
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
      driver.get(base + "/dashboard");
      assertThat(driver.getCurrentUrl()).endsWith("/dashboard/login");
      browser.assertAccessible("the dashboard's sign-in form");
      browser.screenshots("dashboard-login");
      driver.findElement(By.id("key")).sendKeys(tenant.apiKey());
      driver.findElement(By.cssSelector("form button[type=submit]")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("/dashboard"));
      await().atMost(Duration.ofSeconds(30)).alias("the booking counted on the dashboard")
          .pollInterval(Duration.ofMillis(500))
          .until(() -> {
            driver.navigate().refresh();
            return createdTotal(driver).equals("1");
          });
      assertThat(driver.findElement(By.cssSelector("#table-funnel tfoot td:nth-of-type(3)")).getText()).as("bookings through the link")
          .isEqualTo("1");
      assertThat(driver.findElements(By.cssSelector("figure.chart .uplot"))).as("charts drawn").isNotEmpty();
      assertThat(driver.findElement(By.id("freshness")).getText()).contains("as of");
      assertThat(driver.manage().getCookieNamed("bookpay_dashboard").isHttpOnly()).isTrue();
      browser.assertAccessible("the dashboard");
      browser.screenshots("dashboard");
    }
  }

  /** The bookings view's total of bookings created, as the table beside its chart shows it. */
  private static String createdTotal(org.openqa.selenium.WebDriver driver) {
    return driver.findElement(By.cssSelector("#table-bookings tfoot td")).getText();
  }
}
