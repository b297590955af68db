package io.bookpay.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;
import reactor.core.publisher.Mono;

/** Writes a {@link CsvReport} as {@code text/csv; charset=UTF-8}, an attachment named after the report and its range. */
class CsvReportWriter implements HttpMessageWriter<CsvReport> {

  static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
  private static final MediaType TEXT_CSV_UTF8 = new MediaType(TEXT_CSV, StandardCharsets.UTF_8);

  @Override
  public List<MediaType> getWritableMediaTypes() {
    return List.of(TEXT_CSV);
  }

  @Override
  public boolean canWrite(ResolvableType elementType, MediaType mediaType) {
    return CsvReport.class.isAssignableFrom(elementType.toClass()) && (mediaType == null || TEXT_CSV.isCompatibleWith(mediaType));
  }

  @Override
  public Mono<Void> write(Publisher<? extends CsvReport> input, ResolvableType elementType, MediaType mediaType,
      ReactiveHttpOutputMessage message, Map<String, Object> hints) {
    return Mono.from(input).flatMap(report -> {
      CsvTable table = report.csv();
      byte[] bytes = table.render().getBytes(StandardCharsets.UTF_8);
      message.getHeaders().setContentType(TEXT_CSV_UTF8);
      message.getHeaders().setContentLength(bytes.length);
      message.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(table.filename()).build());
      if (report.asOf() != null) {
        message.getHeaders().set("Bookpay-As-Of", report.asOf().toString());
      }
      message.getHeaders().set("Bookpay-Lag-Seconds", Long.toString(report.lagSeconds()));
      return message.writeWith(Mono.just(message.bufferFactory().wrap(bytes)));
    });
  }
}
