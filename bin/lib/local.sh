# Sourced by bin/local-invoke, bin/demo, bin/benchmark-cold-start and bin/benchmark-priming: the repo root, and the jars they need.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNNER_JAR="$REPO_ROOT/local/target/local-runner.jar"
INVOKER_JAR="$REPO_ROOT/local/target/local-invoker.jar"

build_project() {
  echo "Building the project: mvn -B -q package -DskipTests (in $REPO_ROOT)" >&2
  (cd "$REPO_ROOT" && mvn -B -q package -DskipTests >&2) || { echo "The build failed." >&2; return 1; }
}

# The functions themselves are not built here: the runner builds a function whose template Metadata says
# 'BuildMethod: makefile' as sam build does (make build-<LogicalId>).
ensure_runner_built() {
  if [ ! -f "$RUNNER_JAR" ] || [ ! -f "$INVOKER_JAR" ]; then
    echo "The local runner is not built yet." >&2
    build_project
  elif [ -n "$(cd "$REPO_ROOT" && find local/src testbed/src functions/common/src pom.xml local/pom.xml testbed/pom.xml \
      functions/common/pom.xml -newer "$RUNNER_JAR" -print -quit 2>/dev/null)" ]; then
    echo "The local runner is older than its sources (local, testbed, functions/common)." >&2
    build_project
  fi
}
