package io.bookpay.platform.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: a resource's {@code ETag} is its row version in quotes, and an
 * update names the version it read in {@code If-Match}. A missing header is 428, another version 412.
 */
public final class Versions {

  private static final Pattern ETAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

  private Versions() {}

  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** The version an {@code If-Match} header names. */
  public static long required(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ApiException(ProblemType.PRECONDITION_REQUIRED,
          "Send the ETag you read in If-Match, so a concurrent change is not overwritten.");
    }
    Matcher matcher = ETAG.matcher(ifMatch);
    if (!matcher.matches()) {
      throw new ApiException(ProblemType.PRECONDITION_FAILED, "If-Match must be an ETag this API returned, like \"3\".");
    }
    return Long.parseLong(matcher.group(1));
  }

  public static ApiException stale(String what, long current) {
    return new ApiException(ProblemType.PRECONDITION_FAILED,
        what + " changed since you read it; its current ETag is " + etag(current) + ".",
        java.util.Map.of("currentETag", etag(current)));
  }
}
