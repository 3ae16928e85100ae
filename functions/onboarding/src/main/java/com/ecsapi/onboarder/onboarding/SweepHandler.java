package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ecsapi.onboarder.aws.PrimingHook;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.hash.Sha256;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.event.EventParser;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import com.ecsapi.onboarder.onboarding.plan.PoolLandscape;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Entry point of ReconcileSweepFunction (scheduled). It writes nothing to the gateway itself: it enqueues one
 * reconcile message per opted-in service of the configured clusters and per owner of onboarder objects
 * whose service is gone or opted out, into the same FIFO message group the events use, so the one writer
 * applies them in order with the events.
 */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    public static final String MESSAGE_GROUP = "ecs-services";
    private static final StructuredLog LOG = StructuredLog.of(SweepHandler.class);
    private static final int SEND_BATCH = 10;
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
        StructuredLog.startRequest(context);
        long start = System.nanoTime();
        String queueUrl = onboarder.config.queueUrl();
        if (queueUrl == null && !onboarder.config.dryRun()) {
            throw new IllegalStateException("Environment variable QUEUE_URL is required but not set");
        }
        String sweepId = event != null && event.getId() != null ? event.getId() : Instant.now().toString();

        Map<String, String> clusterOf = new TreeMap<>();
        Set<String> optedIn = new LinkedHashSet<>();
        Set<String> active = new LinkedHashSet<>();
        Set<String> taggedApis = new LinkedHashSet<>();
        for (String cluster : onboarder.ecs.clusters(onboarder.config.clusters())) {
            for (EcsService service : onboarder.ecs.describe(cluster, onboarder.ecs.serviceArns(cluster))) {
                clusterOf.put(service.arn(), service.clusterArn());
                String taggedApi = service.tags().get(TagContract.API_TAG);
                if (TagContract.isApiId(taggedApi)) {
                    taggedApis.add(taggedApi);
                }
                if (service.active()) {
                    active.add(service.arn());
                    if (service.tags().containsKey(TagContract.PATH_TAG)) {
                        optedIn.add(service.arn());
                    }
                }
            }
        }
        Metrics metrics = Metrics.create(onboarder.config.metricsNamespace(), Map.of("Function", "sweep"));
        Map<String, Set<String>> owners = owners(onboarder.batchView(), taggedApis, metrics);
        Set<String> toReconcile = new LinkedHashSet<>(optedIn);
        owners.keySet().stream().filter(owner -> !optedIn.contains(owner)).forEach(toReconcile::add);

        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (String serviceArn : toReconcile) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("serviceArn", serviceArn);
            detail.put("clusterArn", clusterOf.get(serviceArn));
            if (owners.containsKey(serviceArn)) {
                detail.put("apiIds", List.copyOf(owners.get(serviceArn)));
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("version", "0");
            message.put("id", sweepId + "/" + entries.size());
            message.put("source", EventParser.SWEEP_SOURCE);
            message.put("detail-type", EventParser.SWEEP_DETAIL_TYPE);
            message.put("time", Instant.now().toString());
            message.put("detail", detail);
            String body = Json.write(message);
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(body)
                    .messageGroupId(MESSAGE_GROUP).messageDeduplicationId(Sha256.hex(sweepId + "|" + serviceArn)).build());
        }
        send(queueUrl, entries);

        long orphans = owners.keySet().stream().filter(owner -> !active.contains(owner)).count();
        double millis = (System.nanoTime() - start) / 1e6;
        metrics.add("ReconcileDuration", millis, Metrics.Unit.Milliseconds, Map.of());
        metrics.flush();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("services", active.size());
        summary.put("optedIn", optedIn.size());
        summary.put("orphanOwners", orphans);
        summary.put("requests", entries.size());
        summary.put("enqueued", onboarder.config.dryRun() ? 0 : entries.size());
        summary.put("dryRun", onboarder.config.dryRun());
        summary.put("durationMs", Math.round(millis));
        LOG.info(onboarder.config.dryRun() ? "Dry run: sweep sent nothing" : "Sweep enqueued reconcile requests", summary);
        return summary;
    }

    /**
     * Every service named as owner by a pool listener, an onboarder target group, a REST method (of the API, or
     * served by one of its stages: a removal whose deployment failed) or an HTTP API route or integration, with the
     * APIs it owns objects in. The APIs looked at: the default, those the
     * listeners' and target groups' tags name, and those the services' {@code apigw:api} tags name.
     */
    private Map<String, Set<String>> owners(BatchView view, Set<String> taggedApis, Metrics metrics) {
        PoolLandscape pool = view.pool();
        Map<String, Set<String>> owners = new LinkedHashMap<>();
        Set<String> apiIds = new LinkedHashSet<>();
        Stream.concat(pool.allListeners().stream().map(LoadBalancerListener::tags), pool.ownTargetGroups().stream().map(TargetGroup::tags))
                .forEach(tags -> {
                    Set<String> apis = Ownership.ownerOf(tags)
                            .map(owner -> owners.computeIfAbsent(owner, key -> new LinkedHashSet<>())).orElse(null);
                    if (TagContract.isApiId(tags.get(Ownership.API_TAG))) {
                        apiIds.add(tags.get(Ownership.API_TAG));
                        if (apis != null) {
                            apis.add(tags.get(Ownership.API_TAG));
                        }
                    }
                });
        if (onboarder.config.defaults().apiId() != null) {
            apiIds.add(onboarder.config.defaults().apiId());
        }
        apiIds.addAll(taggedApis);
        for (String apiId : apiIds) {
            try {
                ownersIn(view, apiId).forEach(owner -> owners.computeIfAbsent(owner, key -> new LinkedHashSet<>())
                        .add(apiId));
            } catch (RuntimeException e) {
                metrics.count("ReadFailed");
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("api", apiId);
                fields.put("error", e.toString());
                LOG.error("Could not read an API; its owners are left for the next sweep", fields);
            }
        }
        return owners;
    }

    /**
     * The owners named by one API's REST methods (of the API, or served by one of its stages) or its HTTP API routes
     * and integrations.
     */
    private static List<String> ownersIn(BatchView view, String apiId) {
        Set<String> ids = Set.of(apiId);
        Stream<Map<String, RestMethod>> held = view.apis(ids).values().stream().flatMap(List::stream)
                .map(RestResource::methods);
        Stream<Map<String, RestMethod>> served = view.stages(apiId).stream()
                .flatMap(stage -> stage.methodsByPath().values().stream());
        Stream<String> rest = Stream.concat(held, served).flatMap(methods -> methods.values().stream())
                .map(Ownership::ownerOf).flatMap(java.util.Optional::stream);
        Stream<String> http = view.httpApis(ids).values().stream().flatMap(api -> Stream.concat(
                        api.routes().stream().map(HttpRoute::operationName),
                        api.integrations().stream().map(HttpIntegration::description)))
                .filter(java.util.Objects::nonNull)
                .filter(mark -> mark.startsWith(Ownership.OPERATION_PREFIX))
                .map(mark -> mark.substring(Ownership.OPERATION_PREFIX.length()));
        return Stream.concat(rest, http).toList();
    }

    /** Sends the reconcile requests, ten per call; a dry run logs each instead and sends nothing. */
    private void send(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        if (onboarder.config.dryRun()) {
            entries.forEach(entry -> LOG.info("Dry run: reconcile request not sent",
                    Map.of("body", entry.messageBody())));
            return;
        }
        for (int from = 0; from < entries.size(); from += SEND_BATCH) {
            List<SendMessageBatchRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + SEND_BATCH));
            var response = onboarder.sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(chunk));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " sweep messages: "
                        + response.failed().get(0).message());
            }
        }
    }
}
