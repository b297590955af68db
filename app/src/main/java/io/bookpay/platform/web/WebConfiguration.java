package io.bookpay.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** Codec limits: a body decoded into memory may not exceed the configured maximum. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

  private final HttpProperties properties;

  WebConfiguration(HttpProperties properties) {
    this.properties = properties;
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    configurer.defaultCodecs().maxInMemorySize((int) properties.maxBodySize().toBytes());
    // Uploads are kept in memory (bounded), never spooled to temporary files: no file I/O, no leftovers.
    DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
    parts.setMaxInMemorySize((int) properties.maxMultipartBytes());
    parts.setMaxHeadersSize(16 * 1024);
    parts.setMaxParts(8);
    parts.setMaxDiskUsagePerPart(0);
    configurer.defaultCodecs().multipartReader(new MultipartHttpMessageReader(parts));
  }
}
