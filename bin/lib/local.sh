# Sourced by bin/local-invoke, bin/demo and bin/benchmark-cold-start: the repo root, and the jars they need.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNNER_JAR="$REPO_ROOT/local/target/local-runner.jar"
INVOKER_JAR="$REPO_ROOT/local/target/local-invoker.jar"

build_project() {
  echo "Building the project: mvn -B -q package -DskipTests (in $REPO_ROOT)" >&2
  (cd "$REPO_ROOT" && mvn -B -q package -DskipTests >&2) || { echo "The build failed." >&2; return 1; }
}

# The CodeUri jars the template names (relative to the template's directory).
code_uri_jars() {
  local template="$1" dir
  dir="$(cd "$(dirname "$template")" && pwd)"
  sed -n 's/^[[:space:]]*CodeUri:[[:space:]]*["'\'']\{0,1\}\([^"'\'' #]*\.jar\).*/\1/p' "$template" | sort -u |
    while read -r jar; do
      case "$jar" in /*) echo "$jar" ;; *) echo "$dir/$jar" ;; esac
    done
}

ensure_runner_built() {
  if [ ! -f "$RUNNER_JAR" ] || [ ! -f "$INVOKER_JAR" ]; then
    echo "The local runner is not built yet." >&2
    build_project
  fi
}

# Builds when the runner, the invoker or any CodeUri jar of the template is missing.
ensure_built() {
  local template="$1" missing="" jar
  for jar in "$RUNNER_JAR" "$INVOKER_JAR"; do
    [ -f "$jar" ] || missing="$missing $jar"
  done
  if [ -f "$template" ]; then
    while read -r jar; do
      [ -z "$jar" ] || [ -f "$jar" ] || missing="$missing $jar"
    done < <(code_uri_jars "$template")
  fi
  if [ -n "$missing" ]; then
    echo "Not built yet:$missing" >&2
    build_project
  fi
}
