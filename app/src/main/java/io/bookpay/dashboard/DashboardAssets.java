package io.bookpay.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import reactor.core.publisher.Mono;

/**
 * The dashboard's stylesheet and script, and the charts' library, uPlot, from its webjar (version
 * pinned in the parent POM), under {@code /dashboard/assets/}: same origin for the pages' CSP, on
 * the dashboard's own route. Read once at startup and served from memory, so no request reads a
 * file (or a jar) on the event loop. Static files, left out of the API description.
 */
@Hidden
@Controller
class DashboardAssets {

  private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");
  private static final MediaType JS = MediaType.parseMediaType("text/javascript;charset=UTF-8");

  private record Asset(MediaType type, byte[] bytes) {}

  private final Map<String, Asset> assets;

  DashboardAssets() {
    String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    this.assets = Map.of(
        "dashboard.css", new Asset(CSS, read("dashboard/assets/dashboard.css")),
        "dashboard.js", new Asset(JS, read("dashboard/assets/dashboard.js")),
        "uplot/uPlot.min.css", new Asset(CSS, read(uplot + "uPlot.min.css")),
        "uplot/uPlot.iife.min.js", new Asset(JS, read(uplot + "uPlot.iife.min.js")),
        "uplot/LICENSE", new Asset(MediaType.TEXT_PLAIN, read("META-INF/resources/webjars/uplot/" + uplotVersion() + "/LICENSE")));
  }

  @GetMapping({"/dashboard/assets/{name}", "/dashboard/assets/uplot/{name}"})
  Mono<ResponseEntity<byte[]>> asset(@PathVariable String name, org.springframework.web.server.ServerWebExchange exchange) {
    String path = io.bookpay.platform.web.RoutePath.of(exchange.getRequest()).substring("/dashboard/assets/".length());
    Asset asset = assets.get(path);
    if (asset == null) {
      return Mono.just(ResponseEntity.notFound().build());
    }
    return Mono.just(ResponseEntity.ok().contentType(asset.type()).cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
        .header("X-Content-Type-Options", "nosniff").body(asset.bytes()));
  }

  static String uplotVersion() {
    Properties properties = new Properties();
    try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = stream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String resource) {
    InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is not on the class path (the uPlot webjar, or the dashboard's own assets)");
    }
    return in;
  }
}
