package io.bookpay.tenant;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.FieldError;
import io.bookpay.platform.web.ProblemType;
import java.time.ZoneId;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) of the tenant's profile: a member present changes that field, a
 * member absent leaves it, {@code "timeZone": null} goes back to the default (UTC). {@code name}
 * cannot be removed. Other members are refused, so a typo is not silently ignored. The branding
 * members ({@link #BRANDING}) may be set or, with null, removed.
 *
 * @param name the new name, or null to keep it
 * @param timeZone the new IANA zone, or null to keep it
 * @param branding the branding members present in the patch, a null value removing that field
 */
record ProfilePatch(String name, String timeZone, Map<String, String> branding) {

  /** What the booking page shows of the business, beside its name. */
  static final List<String> BRANDING = List.of("displayName", "brandColor", "logoUrl", "contactEmail", "contactPhone", "address");

  private static final Set<String> FIELDS = Set.of("name", "timeZone", "displayName", "brandColor", "logoUrl", "contactEmail",
      "contactPhone", "address");
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{2,30}");

  /** Reads and checks the patch; a 400 problem lists every bad member. */
  static ProfilePatch of(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiException(ProblemType.VALIDATION, "The patch must be a JSON object, e.g. {\"timeZone\": \"Europe/Berlin\"}.",
          Map.of("errors", List.of(new FieldError("(body)", "must be a JSON object"))));
    }
    List<FieldError> errors = new ArrayList<>();
    for (String member : body.propertyNames()) {
      if (!FIELDS.contains(member) && errors.size() < 10) { // ten are enough to say what is wrong; a huge body gets no huge answer
        errors.add(new FieldError(member, "is not a field of the tenant profile (name, timeZone, " + String.join(", ", BRANDING) + ")"));
      }
    }
    String name = name(body.get("name"), errors);
    String timeZone = timeZone(body, errors);
    Map<String, String> branding = new HashMap<>();
    for (String field : BRANDING) {
      if (body.has(field)) {
        branding.put(field, branding(field, body.get(field), errors));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(ProblemType.VALIDATION, "One or more fields are invalid.", Map.of("errors", List.copyOf(errors)));
    }
    return new ProfilePatch(name, timeZone, Collections.unmodifiableMap(branding));
  }

  /** One branding member: null removes it; text is checked for its kind and stored stripped (colours in lower case). */
  private static String branding(String field, JsonNode node, List<FieldError> errors) {
    if (node.isNull()) {
      return null;
    }
    String value = node.isString() ? node.asString().strip() : "";
    if (value.codePoints().anyMatch(c -> c != '\n' && (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT))) {
      errors.add(new FieldError(field, "must not contain control or formatting characters"));
      return null;
    }
    String problem = switch (field) {
      case "displayName" -> value.isEmpty() || value.length() > 200 || value.contains("\n") ? "must be a text of 1 to 200 characters on one line" : null;
      case "brandColor" -> COLOR.matcher(value).matches() ? null : "must be a colour as #rrggbb, e.g. #0b6e4f";
      case "logoUrl" -> httpsUrl(value) ? null : "must be an https URL of at most 2000 characters";
      case "contactEmail" -> value.length() <= 320 && EMAIL.matcher(value).matches() ? null : "must be an email address";
      case "contactPhone" -> value.length() <= 40 && PHONE.matcher(value).matches() ? null : "must be a phone number such as +1 555 0100";
      case "address" -> value.isEmpty() || value.length() > 500 ? "must be a text of 1 to 500 characters" : null;
      default -> "is not a branding field";
    };
    if (problem != null) {
      errors.add(new FieldError(field, problem));
      return null;
    }
    return field.equals("brandColor") ? value.toLowerCase(Locale.ROOT) : value;
  }

  /** Only https, with a host and nothing a browser would read another way (no user info, no spaces). */
  private static boolean httpsUrl(String value) {
    if (value.length() > 2000 || !value.startsWith("https://")) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String name(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    String name = node.isString() ? node.asString().strip() : "";
    if (name.isEmpty() || name.length() > 200) {
      errors.add(new FieldError("name", "must be a text of 1 to 200 characters"));
      return null;
    }
    // Control and format characters (NUL, bidi overrides) have no place in a name shown on link pages.
    if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT)) {
      errors.add(new FieldError("name", "must not contain control or formatting characters"));
      return null;
    }
    return name;
  }

  private static String timeZone(JsonNode body, List<FieldError> errors) {
    if (!body.has("timeZone")) {
      return null;
    }
    JsonNode node = body.get("timeZone");
    if (node.isNull()) {
      return Tenant.DEFAULT_TIME_ZONE;
    }
    if (!node.isString() || !ZoneId.getAvailableZoneIds().contains(node.asString())) {
      errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/Berlin"));
      return null;
    }
    return node.asString();
  }
}
