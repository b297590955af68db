package io.bookpay.tracking;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.FieldError;
import io.bookpay.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of a batch of custom events. All or nothing: one bad item refuses the batch with a 400
 * that lists every bad item by index ({@code invalidItems}) and field ({@code errors}).
 */
final class CustomEventRules {

  static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  static final Pattern SESSION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  static final int MAX_DATA_BYTES = 8 * 1024;
  /** Clocks drift; an event a day ahead of ours is a mistake, not drift. */
  static final Duration MAX_FUTURE = Duration.ofDays(1);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CustomEventRules() {}

  static void check(List<CustomEventInput> events, int maxEvents, Instant now) {
    if (events == null || events.isEmpty()) {
      throw invalid(List.of(new FieldError("events", "must hold 1 to " + maxEvents + " events")), List.of());
    }
    if (events.size() > maxEvents) {
      throw invalid(List.of(new FieldError("events", "holds " + events.size() + " events; at most " + maxEvents + " per request")),
          List.of());
    }
    List<FieldError> errors = new ArrayList<>();
    TreeSet<Integer> bad = new TreeSet<>();
    for (int i = 0; i < events.size(); i++) {
      int before = errors.size();
      check(events.get(i), "events[" + i + "]", now, errors);
      if (errors.size() > before) {
        bad.add(i);
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors, List.copyOf(bad));
    }
  }

  private static void check(CustomEventInput e, String at, Instant now, List<FieldError> errors) {
    if (e == null) {
      errors.add(new FieldError(at, "must be an event object"));
      return;
    }
    if (e.type() == null || !TYPE.matcher(e.type()).matches()) {
      errors.add(new FieldError(at + ".type", "must match [a-z][a-z0-9_.-]{0,63}"));
    }
    if (e.occurredAt() == null) {
      errors.add(new FieldError(at + ".occurredAt", "is required (an instant such as 2026-11-22T10:15:30Z)"));
    } else if (e.occurredAt().isAfter(now.plus(MAX_FUTURE))) {
      errors.add(new FieldError(at + ".occurredAt", "is more than a day in the future"));
    }
    if (e.sessionId() != null && !SESSION.matcher(e.sessionId()).matches()) {
      errors.add(new FieldError(at + ".sessionId", "must be 1 to 128 of A-Z a-z 0-9 . _ : -"));
    }
    if (e.data() != null && !e.data().isNull()) {
      if (!e.data().isObject()) {
        errors.add(new FieldError(at + ".data", "must be a JSON object"));
      } else if (JSON.writeValueAsString(e.data()).getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
        errors.add(new FieldError(at + ".data", "is larger than 8 KB"));
      }
    }
  }

  private static ApiException invalid(List<FieldError> errors, List<Integer> items) {
    String detail = items.isEmpty() ? errors.get(0).field() + " " + errors.get(0).message() + "; nothing was recorded."
        : items.size() + " event(s) are invalid (items " + items + "); nothing was recorded.";
    return new ApiException(ProblemType.VALIDATION, detail, Map.of("errors", List.copyOf(errors), "invalidItems", items));
  }
}
