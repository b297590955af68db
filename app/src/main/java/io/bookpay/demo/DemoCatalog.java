package io.bookpay.demo;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the demo clinic offers: fixed names, prices and hours, so every seed value shows the same clinic. */
final class DemoCatalog {

  static final String TENANT_NAME = "Demo Clinic";
  static final String TIME_ZONE = "America/New_York";
  static final String CURRENCY = "USD";

  /**
   * The profile PATCH /v1/tenant gets: the zone and the branding the booking page shows. No logoUrl:
   * the page would then load an image from outside this machine, and it reads well with the name alone.
   */
  static Map<String, Object> profile() {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("timeZone", TIME_ZONE);
    profile.put("displayName", DISPLAY_NAME);
    profile.put("brandColor", BRAND_COLOR);
    profile.put("contactEmail", "frontdesk@demo-clinic.example.com");
    profile.put("contactPhone", "+1 555 0100");
    profile.put("address", PLACES.get(0).address());
    return profile;
  }

  static final String DISPLAY_NAME = "Demo Clinic Physio & Wellness";
  static final String BRAND_COLOR = "#0b6e4f";

  record Place(String name, String zone, String address) {}

  record Treatment(String name, int minutes, long price, int bufferBefore, int bufferAfter, int minNotice, boolean insured) {}

  /** One weekly window: days, from, to (local time of the provider's location). */
  record Hours(List<DayOfWeek> days, LocalTime from, LocalTime to) {}

  record Practitioner(String name, int place, List<Integer> treatments, Hours hours) {}

  static final List<Place> PLACES = List.of(
      new Place("Midtown", "America/New_York", "350 5th Ave, New York, NY 10118"),
      new Place("Lincoln Park", "America/Chicago", "2430 N Lincoln Ave, Chicago, IL 60614"));

  static final List<Treatment> TREATMENTS = List.of(
      new Treatment("Initial consultation", 45, 12_000, 0, 15, 0, true),
      new Treatment("Follow-up visit", 30, 8_000, 0, 0, 0, true),
      new Treatment("Physiotherapy session", 60, 11_000, 15, 0, 0, true),
      new Treatment("Sports massage", 60, 9_500, 0, 15, 0, false),
      new Treatment("Acupuncture", 45, 8_500, 0, 15, 0, false),
      new Treatment("Blood panel", 15, 6_000, 0, 0, 60, true),
      new Treatment("Skin check", 30, 9_000, 0, 0, 0, false),
      new Treatment("Nutrition coaching", 45, 7_000, 0, 0, 0, false));

  private static final List<DayOfWeek> WEEKDAYS =
      List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

  static final List<Practitioner> PRACTITIONERS = List.of(
      new Practitioner("Dr. Maya Chen", 0, List.of(0, 1, 5, 6), new Hours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))),
      new Practitioner("Sam Okafor, PT", 0, List.of(2, 3), new Hours(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(16, 0))),
      new Practitioner("Lena Ortiz", 0, List.of(4, 7, 1), new Hours(List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(10, 0), LocalTime.of(18, 0))),
      new Practitioner("Dr. Priya Raman", 1, List.of(0, 1, 6, 5), new Hours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))),
      new Practitioner("Jonah Weiss, PT", 1, List.of(2, 3, 4), new Hours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))));

  static final List<String> FIRST_NAMES = List.of("Ada", "Ben", "Chloe", "Diego", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jade",
      "Kofi", "Lucia", "Marco", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara");

  static final List<String> LAST_NAMES = List.of("Adams", "Brooks", "Castillo", "Dubois", "Evans", "Fischer", "Garcia", "Haddad",
      "Ito", "Johnson", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quintero", "Rossi", "Silva", "Thompson");

  static final int CUSTOMERS = 200;

  /** Customers 0..29 hold an insurance plan. */
  static final int INSURED = 30;

  /** Customers 40..47 buy packages (40..43 physiotherapy, 44..47 massage). */
  static final int PACKAGE_BUYERS = 40;

  /** Customers 60..71 buy memberships. */
  static final int MEMBERS = 60;

  static String customerName(int i) {
    return FIRST_NAMES.get(i % 20) + " " + LAST_NAMES.get((i / 20 + i) % 20);
  }

  static String customerEmail(int i) {
    return customerName(i).toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "." + i + "@example.com";
  }

  static String customerPhone(int i) {
    return "+1 555 01" + String.format("%02d", i % 100) + " " + (100 + i);
  }

  private DemoCatalog() {}
}
