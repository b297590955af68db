# Sourced: the live consumers' steady apply rate and apply latency during a load, read from the app's
# Prometheus endpoint (operator token): bookpay_consumer_apply_latency_seconds (occurredAt -> the
# batch's commit, a histogram per consumer group; its count is the events applied) and
# bookpay_consumer_lag_records / _seconds (per group and partition).
#   apply_rate_start; ...load...; apply_rate_stop   (needs BASE_URL, BOOKPAY_ADMIN_TOKEN)
_metrics() {
  curl -fs -H "Authorization: Bearer $BOOKPAY_ADMIN_TOKEN" "$BASE_URL/actuator/prometheus" \
    | grep -E '^bookpay_consumer_(apply_latency_seconds_(bucket|count)|lag_(records|seconds))\{' || true
}

# Each group's newest sample: group, events applied, lag in records.
_apply_last() {
  tail -n 20 bench/results/apply-samples.txt | awk '{ last[$2] = $3 " " $4 } END { for (g in last) print g, last[g] }' | sort
}

apply_rate_start() {
  _metrics > bench/results/apply-before.prom
  APPLY_T0=$(date +%s.%N)
  ( while :; do
      now=$(date +%s.%N)
      _metrics | awk -v t="$now" '
        /^bookpay_consumer_apply_latency_seconds_count/ { match($0, /group="[^"]+"/); g = substr($0, RSTART + 7, RLENGTH - 8); n[g] = $NF }
        /^bookpay_consumer_lag_records/ { match($0, /group="[^"]+"/); g = substr($0, RSTART + 7, RLENGTH - 8); r[g] += $NF }
        /^bookpay_consumer_lag_seconds/ { match($0, /group="[^"]+"/); g = substr($0, RSTART + 7, RLENGTH - 8); if ($NF > s[g]) s[g] = $NF }
        END { for (g in n) printf "%s %s %d %d %.1f\n", t, g, n[g], r[g], s[g] }'
      sleep 1
    done ) > bench/results/apply-samples.txt &
  APPLY_SAMPLER=$!
}

# Waits (at most 120 s) until every group's lag is 0 and its count stops moving, then reports per group:
# events applied since the start, the rate over the span from the start to the last applied event, the
# best one-second rate, the largest lag sampled, and apply-latency p50/p99 (upper bucket bounds of the
# histogram's increase over the run).
apply_rate_stop() {
  local before after
  for _ in $(seq 1 40); do
    before=$(_apply_last)
    sleep 3
    after=$(_apply_last)
    # Settled: nothing applied in the last three seconds and no group has records left to read.
    [ -n "$after" ] && [ "$before" = "$after" ] && echo "$after" | awk '$3 > 0 { bad = 1 } END { exit bad }' && break
  done
  kill "$APPLY_SAMPLER" 2>/dev/null || true
  wait "$APPLY_SAMPLER" 2>/dev/null || true
  _metrics > bench/results/apply-after.prom
  awk -v t0="$APPLY_T0" '
    { t = $1; g = $2; n = $3
      if (!(g in first)) { first[g] = n; prevn[g] = n; prevt[g] = t; last[g] = n; tlast[g] = t }
      if (n > last[g]) { last[g] = n; tlast[g] = t }
      if (t > prevt[g] && (n - prevn[g]) / (t - prevt[g]) > best[g]) best[g] = (n - prevn[g]) / (t - prevt[g])
      prevn[g] = n; prevt[g] = t
      if ($5 > lag[g]) lag[g] = $5; if ($4 > rec[g]) rec[g] = $4 }
    END { for (g in first) printf "%s: %d events applied in %.1f s (%.0f events/s), best second %.0f events/s, max lag %d records / %.1f s\n",
            g, last[g] - first[g], tlast[g] - t0, (last[g] - first[g]) / (tlast[g] - t0), best[g], rec[g], lag[g] }' \
    bench/results/apply-samples.txt
  awk '
    /_bucket/ { match($0, /group="[^"]+"/); g = substr($0, RSTART + 7, RLENGTH - 8); match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5)
                key = g SUBSEP le; if (FILENAME ~ /before/) b[key] = $NF; else { a[key] = $NF; les[key] = le; grp[g] = 1 } }
    END { for (g in grp) {
            n = 0; for (k in a) { split(k, p, SUBSEP); if (p[1] == g && p[2] == "+Inf") total = a[k] - b[k] }
            # the buckets in increasing order of their bound
            m = 0; for (k in a) { split(k, p, SUBSEP); if (p[1] == g && p[2] != "+Inf") { m++; bound[m] = p[2] + 0; cnt[m] = a[k] - b[k] } }
            for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (bound[j] < bound[i]) { x = bound[i]; bound[i] = bound[j]; bound[j] = x; x = cnt[i]; cnt[i] = cnt[j]; cnt[j] = x }
            p50 = p99 = ""; for (i = 1; i <= m; i++) { if (p50 == "" && cnt[i] >= 0.5 * total) p50 = bound[i]; if (p99 == "" && cnt[i] >= 0.99 * total) p99 = bound[i] }
            printf "%s: apply latency (occurredAt -> applied) over %d events: p50 <= %s s, p99 <= %s s\n", g, total, p50, p99 } }' \
    bench/results/apply-before.prom bench/results/apply-after.prom
}
