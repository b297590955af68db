#!/usr/bin/env bash
# Generates a Java client from Bookpay's API description with openapi-generator and compiles it:
# the proof that the description is one clients can be built from (OpenApiDescriptionIntegrationTest
# checks the rest: tags, summaries, operation ids, examples).
#
#   bash docs/client/generate.sh                          # from app/target/openapi.json, which that test writes (run first if absent)
#   bash docs/client/generate.sh http://localhost:8080    # from the description a running instance serves
#
# The client's sources land in docs/client/target/generated-sources/openapi, its jar in docs/client/target.
# The first run downloads the generator (Maven Central); it takes a minute or two.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

spec=app/target/openapi.json
if [[ $# -gt 0 ]]; then
  spec=docs/client/target/openapi.json
  mkdir -p docs/client/target
  curl -sS --fail "${1%/}/v3/api-docs" -o "$spec"
elif [[ ! -f $spec ]]; then
  ./mvnw -q -pl app -am test -Dtest=OpenApiDescriptionIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false
fi

./mvnw -q -f docs/client/pom.xml -Dbookpay.openapi="$root/$spec" package
apis=$(ls docs/client/target/generated-sources/openapi/src/main/java/io/bookpay/client/api | wc -l)
models=$(ls docs/client/target/generated-sources/openapi/src/main/java/io/bookpay/client/model | wc -l)
echo "Client generated from $spec and compiled: $apis API classes, $models models, $(ls docs/client/target/*.jar)"
