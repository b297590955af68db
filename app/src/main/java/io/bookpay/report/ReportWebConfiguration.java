package io.bookpay.report;

import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** Lets the reports answer {@code Accept: text/csv}, and describes that answer as what it is. */
@Configuration(proxyBeanMethods = false)
class ReportWebConfiguration implements WebFluxConfigurer {

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    configurer.customCodecs().register(new CsvReportWriter());
  }

  /** springdoc gives the CSV answer the JSON schema; it is a table of text. */
  @Bean
  OpenApiCustomizer csvReportResponses() {
    return api -> api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
      if (operation.getResponses() == null) {
        return;
      }
      operation.getResponses().values().forEach(response -> {
        if (response.getContent() != null && response.getContent().containsKey("text/csv")) {
          response.getContent().get("text/csv").schema(new StringSchema().description(
              "RFC 4180: one header row, then one row per period (or link, or payer) and a total row; the same numbers as the"
                  + " JSON answer. Headers Bookpay-As-Of and Bookpay-Lag-Seconds carry the freshness."));
        }
      });
    }));
  }
}
