package io.bookpay.tenant;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.FieldError;
import io.bookpay.platform.web.ProblemType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) of the tenant's profile: a member present changes that field, a
 * member absent leaves it, {@code "timeZone": null} goes back to the default (UTC). {@code name}
 * cannot be removed. Other members are refused, so a typo is not silently ignored.
 *
 * @param name the new name, or null to keep it
 * @param timeZone the new IANA zone, or null to keep it
 */
record ProfilePatch(String name, String timeZone) {

  private static final Set<String> FIELDS = Set.of("name", "timeZone");

  /** Reads and checks the patch; a 400 problem lists every bad member. */
  static ProfilePatch of(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiException(ProblemType.VALIDATION, "The patch must be a JSON object, e.g. {\"timeZone\": \"Europe/Berlin\"}.",
          Map.of("errors", List.of(new FieldError("(body)", "must be a JSON object"))));
    }
    List<FieldError> errors = new ArrayList<>();
    for (String member : body.propertyNames()) {
      if (!FIELDS.contains(member) && errors.size() < 10) { // ten are enough to say what is wrong; a huge body gets no huge answer
        errors.add(new FieldError(member, "is not a field of the tenant profile (name, timeZone)"));
      }
    }
    String name = name(body.get("name"), errors);
    String timeZone = timeZone(body, errors);
    if (!errors.isEmpty()) {
      throw new ApiException(ProblemType.VALIDATION, "One or more fields are invalid.", Map.of("errors", List.copyOf(errors)));
    }
    return new ProfilePatch(name, timeZone);
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
