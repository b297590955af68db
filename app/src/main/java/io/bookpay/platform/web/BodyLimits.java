package io.bookpay.platform.web;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The body limit of a request's route. The larger multipart limit belongs to the routes that
 * declare they consume multipart (a claim document); on any other route a multipart content type
 * buys nothing, so a client cannot make Bookpay hold 10 MB of a body no handler will read.
 */
@Component
public class BodyLimits {

  private final long maxBytes;
  private final long maxMultipartBytes;
  private final ObjectProvider<RequestMappingHandlerMapping> mappings;
  private volatile List<PathPattern> multipartRoutes;

  BodyLimits(HttpProperties properties, ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.maxBytes = properties.maxBodySize().toBytes();
    this.maxMultipartBytes = properties.maxMultipartBytes();
    this.mappings = mappings;
  }

  public long maxBytes(ServerWebExchange exchange) {
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    boolean multipart = type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
    return multipart && acceptsMultipart(exchange) ? maxMultipartBytes : maxBytes;
  }

  private boolean acceptsMultipart(ServerWebExchange exchange) {
    var path = exchange.getRequest().getPath().pathWithinApplication();
    return multipartRoutes().stream().anyMatch(pattern -> pattern.matches(path));
  }

  /** Read from the handler mappings on first use, when they are complete. */
  private List<PathPattern> multipartRoutes() {
    List<PathPattern> routes = multipartRoutes;
    if (routes == null) {
      routes = mappings.orderedStream()
          .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
          .filter(info -> info.getConsumesCondition().getConsumableMediaTypes().stream()
              .anyMatch(MediaType.MULTIPART_FORM_DATA::isCompatibleWith))
          .flatMap(info -> info.getPatternsCondition().getPatterns().stream())
          .toList();
      multipartRoutes = routes;
    }
    return routes;
  }
}
