package io.bookpay.claim;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param documentStore where claim documents live: {@code postgres} (a table) or {@code directory}
 * @param documentDirectory the directory of the {@code directory} store
 * @param documentTypes content types a document may have (checked against the file's first bytes too)
 */
@ConfigurationProperties("bookpay.claims")
public record ClaimProperties(
    @DefaultValue("postgres") String documentStore,
    @DefaultValue("data/documents") Path documentDirectory,
    @DefaultValue({"application/pdf", "image/png", "image/jpeg"}) List<String> documentTypes) {}
