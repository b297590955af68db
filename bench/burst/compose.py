"""Writes a pgbench script from a template: a line "\\sql FILE [name=variable ...]" becomes the
statement in app/src/main/resources/io/bookpay/FILE (the very text the application loads through
SqlFile), its named parameters renamed where two statements use one name for different values (pgbench
variables are one namespace per script) or replaced by the literal NULL ("name=NULL": pgbench has no
null variables); other lines are copied.

usage: python3 bench/burst/compose.py TEMPLATE OUT"""
import re
import sys

ROOT = "app/src/main/resources/io/bookpay/"
out = []
for line in open(sys.argv[1]):
    if not line.startswith("\\sql "):
        out.append(line)
        continue
    words = line.split()
    # bench/...: a statement the application composes in code, written there by ComposedStatementTest.
    sql = open(words[1] if words[1].startswith("bench/") else ROOT + words[1]).read().strip()
    for rename in words[2:]:
        name, variable = rename.split("=")
        value = "NULL" if variable == "NULL" else ":" + variable
        sql = re.sub(r"(?<![:\w]):" + name + r"\b", value, sql)
    out.append("-- " + words[1] + "\n" + sql + ";\n")
open(sys.argv[2], "w").write("".join(out))
