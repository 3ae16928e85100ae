package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.plan.ApiStage;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The reconcile a message about a service would run now, planned by the function's own reconciler with
 * {@code DRY_RUN} and never applied: what the operator tools show as "the next reconcile".
 */
public final class PlannedReconcile {

    /** The decision and the changes and deployments it would make ({@code pattern}, {@code why} as logged). */
    public record Next(String action, Plan plan, Set<ApiStage> deployments, String pattern, String why) {
    }

    private final Onboarder onboarder;
    private final PrintStream log;

    /** {@code log} receives the reconciler's own log lines (it writes none in a dry run unless a read fails). */
    public PlannedReconcile(OnboarderConfig config, PrintStream log) {
        this.onboarder = Onboarder.create(config.asDryRun());
        this.log = log;
    }

    /**
     * {@code knownApiIds}: APIs the service has objects in beyond those its tags and listeners name; {@code view}:
     * the reads to plan on (the operator tools pass the ones they already made).
     */
    public Next next(ServiceRef service, List<String> knownApiIds, BatchView view) {
        Reconciler.Result result = onboarder.reconciler(view, StructuredLog.of(Reconciler.class, log, Clock.systemUTC()))
                .reconcile(service, false, knownApiIds);
        return new Next(result.action(), result.plan(), result.deployments(), result.pattern(), result.why());
    }
}
