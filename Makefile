# `sam build` runs `make build-<LogicalId>` here (template.yaml: Metadata BuildMethod makefile) with ARTIFACTS_DIR
# set; so does the local runner (bin/local-invoke, bin/demo). Each target puts its function's jar into
# $(ARTIFACTS_DIR)/lib, where the Lambda Java runtime finds it. Both jars come from one Maven reactor run, made only
# when a main source or a pom is newer than the jars: three functions, one build.
ONBOARDING_JAR := functions/onboarding/target/onboarding-function.jar
QUOTA_MONITOR_JAR := functions/quota-monitor/target/quota-monitor-function.jar
# bin/explain and bin/inventory (the operator tools) run this one; the same Maven run makes it
OPERATOR_JAR := functions/onboarding/target/onboarder-operator.jar
SOURCES := pom.xml $(wildcard functions/*/pom.xml) $(shell find functions -path '*/src/main/*' -type f)

$(ONBOARDING_JAR) $(QUOTA_MONITOR_JAR) $(OPERATOR_JAR): $(SOURCES)
	bash bin/build-functions

build-OnboardingFunction build-ReconcileSweepFunction: $(ONBOARDING_JAR)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(ONBOARDING_JAR)" "$(ARTIFACTS_DIR)/lib/"

build-QuotaMonitorFunction: $(QUOTA_MONITOR_JAR)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(QUOTA_MONITOR_JAR)" "$(ARTIFACTS_DIR)/lib/"

.PHONY: build-OnboardingFunction build-ReconcileSweepFunction build-QuotaMonitorFunction
