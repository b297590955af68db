"""Where the app's CPU samples go, from a flight recording: each execution sample is counted for the
first frame from the top of its stack that is not the JDK's own (java., jdk., sun.), grouped by
library; plus the top such frames and the threads. Only samples between FROM and TO (HH:MM:SS, the
recording's local clock) when given, so a scenario's measured window can be cut out of a whole run.

usage: python3 bench/common/jfr-breakdown.py app.jfr [FROM TO]
needs a JDK 21+ `jfr` (JFR_TOOL, default: the newest JDK in /usr/lib/jvm)."""
import collections
import glob
import os
import re
import subprocess
import sys

GROUPS = [
    ("reactor.", "Reactor operators"),
    ("io.r2dbc.", "r2dbc-postgresql driver"),
    ("org.springframework.r2dbc.", "Spring R2DBC (DatabaseClient)"),
    ("org.springframework.transaction.", "Spring transactions"),
    ("org.springframework.web.", "Spring WebFlux/web"),
    ("org.springframework.http.", "Spring HTTP codecs"),
    ("org.springframework.security.", "Spring Security"),
    ("org.springframework.", "Spring other"),
    ("io.netty.", "Netty"),
    ("reactor.netty.", "Reactor Netty"),
    ("io.bookpay.", "Bookpay"),
    ("tools.jackson.", "Jackson"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("org.apache.kafka.", "Kafka client"),
    ("io.micrometer.", "Micrometer"),
    ("ch.qos.logback.", "logging"),
    ("org.slf4j.", "logging"),
    ("org.hibernate.validator.", "validation"),
    ("jakarta.validation.", "validation"),
    ("com.github.benmanes.caffeine.", "Caffeine"),
]


def group(frame):
    for prefix, name in sorted(GROUPS, key=lambda g: -len(g[0])):
        if frame.startswith(prefix):
            return name
    return frame.rsplit(".", 2)[0]


def main():
    path = sys.argv[1]
    window = sys.argv[2:4] if len(sys.argv) >= 4 else None
    tool = os.environ.get("JFR_TOOL") or sorted(glob.glob("/usr/lib/jvm/*25*/bin/jfr") + glob.glob("/usr/lib/jvm/*21*/bin/jfr"))[-1]
    text = subprocess.run([tool, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    by_group, by_frame, by_thread = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for sample in text.split("jdk.ExecutionSample {")[1:]:
        at = re.search(r"startTime = (\d\d:\d\d:\d\d)", sample).group(1)
        if window and not (window[0] <= at <= window[1]):
            continue
        total += 1
        thread = re.search(r'sampledThread = "([^"]*)"', sample)
        by_thread[re.sub(r"-?\d+$", "", thread.group(1)) if thread else "?"] += 1
        frames = re.findall(r"^\s+([\w$.<>]+)\(", sample, re.M)
        own = next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), frames[0] if frames else "?")
        by_group[group(own)] += 1
        by_frame[own] += 1
    print(f"{total} samples" + (f" between {window[0]} and {window[1]}" if window else ""))
    print("\nby library (first non-JDK frame from the top):")
    for name, n in by_group.most_common(25):
        print(f"  {100 * n / total:5.1f}%  {name}")
    print("\ntop frames:")
    for name, n in by_frame.most_common(30):
        print(f"  {100 * n / total:5.1f}%  {name}")
    print("\nthreads:")
    for name, n in by_thread.most_common(10):
        print(f"  {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
