# Sourced by bin/explain and bin/inventory: runs the operator tool (functions/onboarding, target/onboarder-operator.jar:
# the onboarding code plus the CloudWatch Logs client), built first by the Makefile's rule that builds the function
# jars (as sam build does) when a main source or a pom is newer than the jar.
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OPERATOR_JAR="$REPO_ROOT/functions/onboarding/target/onboarder-operator.jar"

run_operator_tool() {
  select_jdk || exit 2
  if ! command -v make >/dev/null 2>&1; then
    echo "make is missing: install it with 'apt-get install -y make'." >&2
    exit 2
  fi
  make -s -C "$REPO_ROOT" functions/onboarding/target/onboarder-operator.jar >&2 || { echo "The build failed." >&2; exit 2; }
  exec java -cp "$OPERATOR_JAR" com.ecsapi.onboarder.onboarding.operator.OperatorTool "$@"
}
