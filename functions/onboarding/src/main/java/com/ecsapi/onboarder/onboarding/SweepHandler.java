package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ecsapi.onboarder.aws.PrimingHook;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * Entry point of ReconcileSweepFunction (scheduled). It writes nothing to the gateway itself: its {@link Sweep}
 * enqueues one reconcile message per opted-in service of the configured clusters and per owner of onboarder
 * objects whose service is gone or opted out, into the same FIFO message group the events use, so the one writer
 * applies them in order with the events.
 */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    public static final String MESSAGE_GROUP = "ecs-services";
    private static final StructuredLog LOG = StructuredLog.of(SweepHandler.class);
    private final Onboarder onboarder;
    /** SnapStart priming; the handler holds it because the CRaC runtime holds its hooks weakly. */
    private final PrimingHook priming;

    public SweepHandler() {
        this(Environment.system());
    }

    public SweepHandler(Environment environment) {
        this.onboarder = Onboarder.create(OnboarderConfig.from(environment));
        this.priming = new Priming(onboarder.config).register();
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return sweep(onboarder, event, context, LOG, System.out);
    }

    /** The same on {@code onboarder}'s clients, its log and metrics elsewhere (SnapStart priming runs it so). */
    static Map<String, Object> sweep(Onboarder onboarder, ScheduledEvent event, Context context, StructuredLog log,
                                     PrintStream metrics) {
        StructuredLog.startRequest(context);
        String sweepId = event != null && event.getId() != null ? event.getId() : Instant.now().toString();
        Map<String, Object> summary = onboarder.sweep(log, metrics).run(sweepId);
        log.info(onboarder.config.dryRun() ? "Dry run: sweep sent nothing" : "Sweep enqueued reconcile requests", summary);
        return summary;
    }
}
