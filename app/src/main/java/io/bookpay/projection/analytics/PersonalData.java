package io.bookpay.projection.analytics;

import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deny-list that keeps personal data out of the analytics event log: a member whose key names
 * a person's name, email, phone or address, or free text that tends to hold them (notes, typed
 * reasons, line descriptions, file names), is dropped at any depth, in domain events and in custom events' data
 * alike. Keys compare without case, '_' and '-' ({@code first_name} = {@code firstName}), and a key
 * that ends in one of the words ({@code providerName}, {@code contactEmail}) counts too. Ids stay:
 * they are how the log joins to anything. NUL characters are cut from what stays, since
 * PostgreSQL's jsonb cannot hold them.
 */
final class PersonalData {

  /** Keys dropped as they are. */
  private static final Set<String> KEYS = Set.of(
      "name", "firstname", "lastname", "fullname", "givenname", "familyname", "surname", "nickname",
      "email", "emailaddress", "mail", "phone", "phonenumber", "mobile", "telephone", "tel", "fax",
      "address", "street", "postcode", "zip", "zipcode", "attendee", "customer", "prefill",
      "birthdate", "dateofbirth", "dob", "ip", "ipaddress", "filename", "notes", "note", "description", "comment", "reason");

  /** Endings that make a key personal: {@code providerName}, {@code contactEmail}, {@code homePhone}, {@code billingAddress}. */
  private static final Set<String> ENDINGS = Set.of("name", "email", "phone", "address");

  private PersonalData() {}

  static boolean denied(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return KEYS.contains(k) || ENDINGS.stream().anyMatch(k::endsWith);
  }

  /** A copy of {@code node} without denied members, at any depth; null stays null. */
  static JsonNode scrub(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (var member : node.properties()) {
        if (!denied(member.getKey())) {
          copy.set(withoutNul(member.getKey()), scrub(member.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(scrub(element)));
      return copy;
    }
    if (node.isString() && node.asString().indexOf('\0') >= 0) {
      return JsonNodeFactory.instance.stringNode(withoutNul(node.asString()));
    }
    return node;
  }

  private static String withoutNul(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }
}
