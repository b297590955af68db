package io.bookpay.report;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** Lets the reports answer {@code Accept: text/csv}. */
@Configuration(proxyBeanMethods = false)
class ReportWebConfiguration implements WebFluxConfigurer {

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    configurer.customCodecs().register(new CsvReportWriter());
  }
}
