# Sourced by run.sh: what the app counts itself, from its operator-only Prometheus endpoint, as the
# increase between two snapshots taken around a measured window.

# prom_snapshot FILE: the counters used below (needs base, BOOKPAY_ADMIN_TOKEN).
prom_snapshot() {
  curl -fs -H "Authorization: Bearer $BOOKPAY_ADMIN_TOKEN" "$base/actuator/prometheus" \
    | grep -E '^(http_server_requests_seconds_count|bookpay_consumer_apply_latency_seconds_bucket)\{' > "$1" || true
}

# http_statuses BEFORE AFTER: answers by route and status in the window, as JSON
# {"POST /v1/invoices/{id}/payments": {"201": n}, ...} (the route template Spring matched, so requests
# of one kind count together; the benchmark's own /actuator calls are left out).
http_statuses() {
  awk '
    /^http_server_requests_seconds_count/ {
      m = ""; u = ""; s = ""
      if (match($0, /method="[^"]*"/)) m = substr($0, RSTART + 8, RLENGTH - 9)
      if (match($0, /uri="[^"]*"/)) u = substr($0, RSTART + 5, RLENGTH - 6)
      if (match($0, /status="[^"]*"/)) s = substr($0, RSTART + 8, RLENGTH - 9)
      if (u ~ /^\/actuator/) next
      k = m " " u SUBSEP s
      if (FILENAME == ARGV[1]) b[k] += $NF; else a[k] += $NF
    }
    END {
      out = ""; n = 0
      for (k in a) { d = a[k] - b[k]; if (d <= 0) continue; split(k, p, SUBSEP); by[p[1]] = by[p[1]] (by[p[1]] == "" ? "" : ",") "\"" p[2] "\":" int(d) }
      for (r in by) out = out (out == "" ? "" : ",") "\"" r "\":{" by[r] "}"
      print "{" out "}"
    }' "$1" "$2"
}

# apply_latency BEFORE AFTER: per consumer group, the events its live consumer applied in between and
# the upper bounds (ms) of the histogram buckets p50 and p99 of occurredAt -> the batch's commit fall
# in (bookpay_consumer_apply_latency_seconds), as JSON; {} when the consumers are off.
apply_latency() {
  awk '
    /^bookpay_consumer_apply_latency_seconds_bucket/ {
      match($0, /group="[^"]+"/); g = substr($0, RSTART + 7, RLENGTH - 8)
      match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      k = g SUBSEP le
      if (FILENAME == ARGV[1]) b[k] = $NF; else { a[k] = $NF; grp[g] = 1 }
    }
    END {
      out = ""
      for (g in grp) {
        total = 0; m = 0
        for (k in a) { split(k, p, SUBSEP); if (p[1] != g) continue
          if (p[2] == "+Inf") total = a[k] - b[k]; else { m++; bound[m] = p[2] + 0; cnt[m] = a[k] - b[k] } }
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (bound[j] < bound[i]) {
          x = bound[i]; bound[i] = bound[j]; bound[j] = x; x = cnt[i]; cnt[i] = cnt[j]; cnt[j] = x }
        p50 = "null"; p99 = "null"
        for (i = 1; i <= m; i++) {
          if (p50 == "null" && total > 0 && cnt[i] >= 0.5 * total) p50 = sprintf("%.0f", bound[i] * 1000)
          if (p99 == "null" && total > 0 && cnt[i] >= 0.99 * total) p99 = sprintf("%.0f", bound[i] * 1000) }
        out = out (out == "" ? "" : ",") sprintf("\"%s\":{\"events\":%d,\"p50AtMostMs\":%s,\"p99AtMostMs\":%s}", g, total, p50, p99)
      }
      print "{" out "}"
    }' "$1" "$2"
}
