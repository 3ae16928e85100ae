package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.aws.Batches;
import com.ecsapi.onboarder.hash.Sha256;
import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.aws.EcsServices;
import com.ecsapi.onboarder.onboarding.event.EventParser;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.plan.Drain;
import com.ecsapi.onboarder.onboarding.plan.Owners;
import com.ecsapi.onboarder.onboarding.plan.PoolLandscape;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import com.ecsapi.onboarder.telemetry.Metrics;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One sweep: the services of the configured clusters and the owners of onboarder objects ({@link Owners}), one
 * reconcile request for each opted-in service and each owner that is not one (deleted, draining or opted out),
 * sent to the onboarding queue's one message group, then one drain request for each pool NLB tagged
 * {@code apigw:cordon=true} and {@code apigw:drain=true} that still holds a service that can move. It writes nothing
 * else.
 */
final class Sweep {

    private static final int SEND_BATCH = 10;

    /** What the clusters hold: each service's cluster, the active and opted-in ones, the APIs their tags name. */
    private record Services(Map<String, String> clusterOf, Set<String> active, Set<String> optedIn,
                            Set<String> taggedApis) {
    }

    private final EcsServices ecs;
    private final BatchView view;
    private final SqsClient sqs;
    private final OnboarderConfig config;
    private final Metrics metrics;
    private final StructuredLog log;

    Sweep(EcsServices ecs, BatchView view, SqsClient sqs, OnboarderConfig config, Metrics metrics, StructuredLog log) {
        this.ecs = ecs;
        this.view = view;
        this.sqs = sqs;
        this.config = config;
        this.metrics = metrics;
        this.log = log;
    }

    /** Sends the requests ({@code sweepId} makes them unique per sweep) and returns the sweep's summary. */
    Map<String, Object> run(String sweepId) {
        long start = System.nanoTime();
        String queueUrl = config.queueUrl();
        if (queueUrl == null && !config.dryRun()) {
            throw new IllegalStateException("Environment variable QUEUE_URL is required but not set");
        }
        Services services = services();
        Map<String, Set<String>> owners = owners(services.taggedApis());
        Set<String> toReconcile = new LinkedHashSet<>(services.optedIn());
        owners.keySet().stream().filter(owner -> !services.optedIn().contains(owner)).forEach(toReconcile::add);
        List<SendMessageBatchRequestEntry> entries = requests(sweepId, toReconcile, services.clusterOf(), owners);
        List<String> drains = Drain.requested(view.pool());
        drains.forEach(nlbArn -> entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size())
                .messageBody(EventParser.drainMessage(nlbArn)).messageGroupId(SweepHandler.MESSAGE_GROUP)
                .messageDeduplicationId(Sha256.hex(sweepId + "|" + nlbArn)).build()));
        send(queueUrl, entries);

        long orphans = owners.keySet().stream().filter(owner -> !services.active().contains(owner)).count();
        double millis = (System.nanoTime() - start) / 1e6;
        metrics.add("ReconcileDuration", millis, Metrics.Unit.Milliseconds, Map.of());
        metrics.flush();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("services", services.active().size());
        summary.put("optedIn", services.optedIn().size());
        summary.put("orphanOwners", orphans);
        summary.put("requests", entries.size());
        summary.put("drains", drains.size());
        summary.put("enqueued", config.dryRun() ? 0 : entries.size());
        summary.put("dryRun", config.dryRun());
        summary.put("durationMs", Math.round(millis));
        return summary;
    }

    private Services services() {
        Map<String, String> clusterOf = new TreeMap<>();
        Set<String> active = new LinkedHashSet<>();
        Set<String> optedIn = new LinkedHashSet<>();
        Set<String> taggedApis = new LinkedHashSet<>();
        for (String cluster : ecs.clusters(config.clusters())) {
            for (EcsService service : ecs.describe(cluster, ecs.serviceArns(cluster))) {
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
        return new Services(clusterOf, active, optedIn, taggedApis);
    }

    /**
     * Every owner with the APIs it owns objects in. The APIs looked at: the default, those the pool's listeners
     * and target groups name, and those the services' {@code apigw:api} tags name. An API that cannot be read is
     * logged and counted; its owners are left for the next sweep.
     */
    private Map<String, Set<String>> owners(Set<String> taggedApis) {
        PoolLandscape pool = view.pool();
        Map<String, Set<String>> owners = Owners.inPool(pool);
        Set<String> apiIds = new LinkedHashSet<>();
        apiIds.addAll(Owners.apisNamedInPool(pool));
        if (config.defaults().apiId() != null) {
            apiIds.add(config.defaults().apiId());
        }
        apiIds.addAll(taggedApis);
        for (String apiId : apiIds) {
            try {
                Set<String> ids = Set.of(apiId);
                Owners.inApi(view.apis(ids).values(), view.stages(apiId), view.httpApis(ids).values())
                        .forEach(owner -> owners.computeIfAbsent(owner, key -> new LinkedHashSet<>()).add(apiId));
            } catch (RuntimeException e) {
                metrics.count("ReadFailed");
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("api", apiId);
                fields.put("error", e.toString());
                log.error("Could not read an API; its owners are left for the next sweep", fields);
            }
        }
        return owners;
    }

    /**
     * One {@code Reconcile Service} message per service, naming its cluster and, for an owner, the APIs it has
     * objects in (so a service whose tags no longer name its API is still cleaned up there).
     */
    private static List<SendMessageBatchRequestEntry> requests(String sweepId, Set<String> toReconcile,
                                                               Map<String, String> clusterOf,
                                                               Map<String, Set<String>> owners) {
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
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(Json.write(message))
                    .messageGroupId(SweepHandler.MESSAGE_GROUP).messageDeduplicationId(Sha256.hex(sweepId + "|" + serviceArn)).build());
        }
        return entries;
    }

    /** Sends the reconcile requests, ten per call; a dry run logs each instead and sends nothing. */
    private void send(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        if (config.dryRun()) {
            entries.forEach(entry -> log.info("Dry run: reconcile request not sent", Map.of("body", entry.messageBody())));
            return;
        }
        for (List<SendMessageBatchRequestEntry> chunk : Batches.of(entries, SEND_BATCH)) {
            var response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(chunk));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " sweep messages: "
                        + response.failed().get(0).message());
            }
        }
    }
}
