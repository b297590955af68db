package io.bookpay.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits. {@code maxBodySize} bounds every request body (default 1 MiB); larger is 413.
 * {@code maxUploadSize} bounds a multipart upload (a claim document) instead (default 10 MiB).
 * {@code requestTimeout} bounds every request: one still unanswered then gets 503, never a hang.
 */
@ConfigurationProperties("bookpay.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("30s") java.time.Duration requestTimeout,
    @DefaultValue("10MB") DataSize maxUploadSize) {

  /** The limit of a multipart body: the file plus room for the part headers. */
  public long maxMultipartBytes() {
    return maxUploadSize.toBytes() + 64 * 1024;
  }
}
