package io.bookpay.dashboard;

import java.util.List;

/**
 * One view of the dashboard: a chart and the table that is its text alternative, and the CSV of the
 * report it comes from. Public for the templates' expressions.
 *
 * @param id the report's name, as in {@code /v1/reports/{id}} and {@code /dashboard/{id}.csv}
 * @param chart the chart's data as JSON for the page's script: {@code kind} (time or bars), {@code
 *     labels}, {@code series} (label and values), {@code unit}
 * @param footer the table's last row (totals), or null
 */
public record View(String id, String title, String note, String chart, List<String> header, List<List<String>> rows, List<String> footer) {}
