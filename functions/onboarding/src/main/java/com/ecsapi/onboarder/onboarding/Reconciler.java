package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.onboarding.aws.ChangeExecutor;
import com.ecsapi.onboarder.onboarding.aws.EcsServices;
import com.ecsapi.onboarder.onboarding.aws.BatchView;
import com.ecsapi.onboarder.onboarding.aws.LoadBalancing;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.plan.ApiStage;
import com.ecsapi.onboarder.onboarding.plan.Drain;
import com.ecsapi.onboarder.onboarding.plan.Leaving;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import com.ecsapi.onboarder.onboarding.plan.HttpPlanner;
import com.ecsapi.onboarder.onboarding.plan.IntegrationLandscape;
import com.ecsapi.onboarder.onboarding.plan.Plan;
import com.ecsapi.onboarder.onboarding.plan.Owners;
import com.ecsapi.onboarder.onboarding.plan.Pattern;
import com.ecsapi.onboarder.onboarding.plan.Planner;
import com.ecsapi.onboarder.onboarding.plan.PoolLandscape;
import com.ecsapi.onboarder.onboarding.plan.RouteSpec;
import com.ecsapi.onboarder.onboarding.plan.ServiceBackend;
import com.ecsapi.onboarder.onboarding.plan.StageSync;
import com.ecsapi.onboarder.onboarding.plan.Target;
import com.ecsapi.onboarder.pool.PoolTag;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyListenersException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Reconciles one service at a time within a batch: read (service, backend, what the batch knows of AWS), plan, apply. A write
 * refused because another writer got there first (port taken, NLB full, path created) re-reads that part and
 * plans again; the refusal is AWS's own conditional allocation, so concurrent writers never collide.
 */
final class Reconciler {

    static final int MAX_ATTEMPTS = 25;

    /**
     * The outcome of one service; {@code deployments} are the stages its changes need redeployed; {@code pattern}
     * and {@code why} the decision ({@code null} when the service wants no route).
     */
    record Result(ServiceRef service, String action, Plan plan, Set<ApiStage> deployments, String pattern,
                  String why) {
    }

    private final EcsServices ecs;
    private final LoadBalancing loadBalancing;
    private final BatchView view;
    private final ChangeExecutor executor;
    private final OnboarderConfig config;
    private final Planner.Settings settings;
    private final IntSupplier listenerQuota;
    private final StructuredLog log;
    private final Map<ServiceRef, Optional<EcsService>> services = new HashMap<>();

    /**
     * {@code settings} hold the default listener quota, {@code listenerQuota} reads the one in force: only needed
     * once an NLB has as many listeners as the default, since an applied quota is never below it.
     */
    Reconciler(EcsServices ecs, LoadBalancing loadBalancing, BatchView view, ChangeExecutor executor,
               OnboarderConfig config, Planner.Settings settings, IntSupplier listenerQuota, StructuredLog log) {
        this.ecs = ecs;
        this.loadBalancing = loadBalancing;
        this.view = view;
        this.executor = executor;
        this.config = config;
        this.settings = settings;
        this.listenerQuota = listenerQuota;
        this.log = log;
    }

    /** The tags the batch read for the service: none when it was not described or does not exist. */
    Map<String, String> tagsRead(ServiceRef ref) {
        Optional<EcsService> service = services.get(ref);
        return service == null ? Map.of() : service.map(EcsService::tags).orElse(Map.of());
    }

    /**
     * Describes the batch's services up front, 10 a DescribeServices call. The batch's events all happened before
     * this read, so it shows each service as it is after them; our writes change no ECS service.
     */
    void readAhead(List<ServiceRef> refs) {
        services.putAll(ecs.describeAll(refs));
    }

    /**
     * {@code redelivered}: an earlier attempt may have changed objects without deploying them; {@code knownApiIds}:
     * APIs the message says the service owns objects in.
     */
    Result reconcile(ServiceRef ref, boolean redelivered, List<String> knownApiIds) {
        return reconcile(ref, redelivered, knownApiIds, "");
    }

    /** The next step of draining a pool NLB, from the batch's view of the pool. */
    Drain.Step drainStep(String nlbArn) {
        return Drain.next(nlbArn, view.pool());
    }

    /** The same, as a drain step moving the service off the pool NLB {@code leavingNlbArn} (empty: none). */
    Result reconcile(ServiceRef ref, boolean redelivered, List<String> knownApiIds, String leavingNlbArn) {
        EcsService service = services.computeIfAbsent(ref, ecs::describe).orElse(null);
        ServiceBackend backend = service != null && service.active() && service.tags().containsKey(TagContract.PATH_TAG)
                ? backend(service) : ServiceBackend.none();
        IntegrationLandscape integration = view.integration(TagContract.apiId(service, config.defaults()),
                config.patterns().preferRestVpcLinkV2());
        Target target = TagContract.of(service, backend, integration, config.patterns(), config.defaults());
        String action = switch (target) {
            case Target.Absent absent -> "deregister";
            case Target.Present present -> "onboard";
            case Target.Refused refused -> "onboard";
        };
        String stage = TagContract.stage(service, config.defaults());
        for (int attempt = 1; ; attempt++) {
            view.readTargets(ref.serviceArn());
            Set<String> apiIds = apiIds(ref.serviceArn(), service, target);
            apiIds.addAll(knownApiIds);
            PoolLandscape pool = view.pool().withRoutedPorts(routedPorts(ref.serviceArn(), apiIds));
            Plan plan = Planner.combine(target,
                    Planner.plan(ref.serviceArn(), target, pool, view.apis(apiIds), settings(pool),
                            leaving(ref.serviceArn(), leavingNlbArn, target, pool, apiIds)),
                    HttpPlanner.plan(ref.serviceArn(), target, view.httpApis(apiIds), stage));
            if (config.dryRun() || plan.changes().isEmpty()) {
                return result(ref, action, target, plan, redelivered, apiIds, stage);
            }
            try {
                executor.execute(plan.changes());
                return result(ref, action, target, plan, redelivered, apiIds, stage);
            } catch (DuplicateListenerException e) {
                retryOrThrow(ref, plan, attempt, e);
                view.forgetListeners(plan.nlbArn());
            } catch (TooManyListenersException e) {
                retryOrThrow(ref, plan, attempt, e);
                view.markFull(plan.nlbArn());
            } catch (ConflictException e) {
                retryOrThrow(ref, plan, attempt, e);
                wantedRoute(target).ifPresent(route -> view.forgetApi(route.apiId()));
            } catch (software.amazon.awssdk.services.apigatewayv2.model.ConflictException e) {
                retryOrThrow(ref, plan, attempt, e);
                wantedRoute(target).ifPresent(route -> view.forgetHttpApi(route.apiId()));
            } catch (DuplicateTargetGroupNameException e) {
                retryOrThrow(ref, plan, attempt, e);
                view.forgetTargetGroups();
            }
        }
    }

    /**
     * What a drain step leaves: the NLB, and the ports on it the service's deployed stages still route to. A service
     * half-way through an option-3 drain (it has a bridge target group) is still leaving the NLB its bridge names,
     * whatever asked for the reconcile, so that no reconcile pulls its bridge from under a stage that serves it. For
     * option 3 also the ports served on every pool NLB and, until a bridge exists, the targets a bridge copies.
     */
    private Leaving leaving(String serviceArn, String nlbArn, Target target, PoolLandscape pool, Set<String> apiIds) {
        List<TargetGroup> bridges = pool.ownTargetGroups().stream()
                .filter(group -> serviceArn.equals(group.tags().get(Ownership.SERVICE_TAG)))
                .filter(group -> group.tags().containsKey(Ownership.LEAVING_TAG)).toList();
        String left = nlbArn.isEmpty() && !bridges.isEmpty() ? bridges.getFirst().tags().get(Ownership.LEAVING_TAG)
                : nlbArn;
        Optional<LoadBalancer> leftNlb = pool.poolNlbs().stream().filter(nlb -> nlb.arn().equals(left)).findFirst();
        if (leftNlb.isEmpty()) {
            return Leaving.NONE;
        }
        List<List<DeployedStage>> stages = view.apis(apiIds).keySet().stream().map(view::stages).toList();
        Set<Integer> served = StageSync.servedPorts(serviceArn, leftNlb.get().dnsName(), stages);
        if (!(target instanceof Target.Present present
                && present.pattern() instanceof Pattern.SharedNlbToTargetGroup direct)) {
            return new Leaving(left, served);
        }
        Map<String, Set<Integer>> servedByNlb = new HashMap<>();
        pool.poolNlbs().forEach(nlb -> servedByNlb.put(nlb.arn(),
                StageSync.servedPorts(serviceArn, nlb.dnsName(), stages)));
        List<String> targets = bridges.isEmpty() ? loadBalancing.servingTargets(direct.targetGroup().arn())
                : List.of();
        return new Leaving(left, served, servedByNlb, targets);
    }

    /** The route the service wants, if it wants one. */
    private static Optional<RouteSpec> wantedRoute(Target target) {
        return switch (target) {
            case Target.Present present -> Optional.of(present.route());
            case Target.Absent absent -> Optional.empty();
            case Target.Refused refused -> Optional.empty();
        };
    }

    /** The settings with the listener quota in force, read once an NLB has as many listeners as the default. */
    private Planner.Settings settings(PoolLandscape pool) {
        boolean atDefault = pool.poolNlbs().stream()
                .anyMatch(nlb -> pool.listeners(nlb.arn()).size() >= settings.listenerLimit());
        return atDefault ? new Planner.Settings(settings.ports(), listenerQuota.getAsInt(), settings.defaultStage(),
                settings.vpcLinkLimit()) : settings;
    }

    /** Someone else created a resource on the target API meanwhile: read its resources again. */
    private void forgetTargetApi(Target target) {
        wantedRoute(target).ifPresent(route -> view.forgetApi(route.apiId()));
    }

    /** Another writer got there first; rolled back already, so re-read and plan again, within bounds. */
    private void retryOrThrow(ServiceRef ref, Plan plan, int attempt, RuntimeException e) {
        if (attempt >= MAX_ATTEMPTS) {
            throw e;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service", ref.serviceArn());
        fields.put("attempt", attempt);
        fields.put("nlb", plan.nlbArn());
        fields.put("port", plan.port());
        fields.put("path", plan.path());
        fields.put("refusal", e.getClass().getSimpleName());
        log.info("Allocation taken by another writer; re-reading and planning again", fields);
    }

    /**
     * The ports a new listener of the service must not take: those another's method routes to in these APIs or
     * in every API a pool listener or onboarder target group names, or in what the stages of those APIs serve.
     */
    private Map<String, Set<Integer>> routedPorts(String serviceArn, Set<String> apiIds) {
        Set<String> routed = new LinkedHashSet<>(apiIds);
        routed.addAll(Owners.apisNamedInPool(view.pool()));
        Map<String, List<RestResource>> apis = view.apis(routed);
        return StageSync.routedPorts(serviceArn, apis.values(), apis.keySet().stream().map(view::stages).toList());
    }

    /**
     * The stages to deploy: those the plan's changes need, those that serve the service's routes other than as
     * the APIs now hold them (an earlier attempt changed the API and its deployment failed), and, for a
     * redelivered message, the service's own stage ({@code stage}, in each HTTP API it may have had routes in
     * when it wants none: an auto-deploy stage costs nothing, one without serves what it was last deployed with).
     */
    private Result result(ServiceRef ref, String action, Target target, Plan plan, boolean redeploy,
                          Set<String> apiIds, String stage) {
        Set<ApiStage> deployments = new LinkedHashSet<>(plan.deployments());
        if (redeploy) {
            switch (target) {
                case Target.Present present -> deployments.add(new ApiStage(present.route().apiId(), present.route().stage()));
                case Target.Absent absent -> view.httpApis(apiIds).keySet()
                        .forEach(apiId -> deployments.add(new ApiStage(apiId, stage)));
                case Target.Refused refused -> { }
            }
        }
        view.apis(apiIds).forEach((apiId, resources) -> deployments.addAll(StageSync.staleStages(
                ref.serviceArn(), apiId, resources, view.stages(apiId), restStage(target, apiId))));
        String pattern = switch (target) {
            case Target.Present present -> present.pattern().label();
            case Target.Refused refused -> "unsupported";
            case Target.Absent absent -> null;
        };
        String why = switch (target) {
            case Target.Present present -> present.pattern().why();
            case Target.Refused refused -> refused.detail();
            case Target.Absent absent -> absent.why();
        };
        return new Result(ref, action, plan, deployments, pattern, why);
    }

    /** The stage the service wants its route on in this REST API, or null. */
    private static String restStage(Target target, String apiId) {
        return switch (target) {
            case Target.Present present -> !present.pattern().onHttpApi() && present.route().apiId().equals(apiId)
                    ? present.route().stage() : null;
            case Target.Absent absent -> null;
            case Target.Refused refused -> null;
        };
    }

    /**
     * The target API, plus every API the service's listeners and target groups say it has a route in; only
     * well-formed API ids, so no tag or message value reaches an API Gateway call as an id.
     */
    private Set<String> apiIds(String serviceArn, EcsService service, Target target) {
        Set<String> ids = new LinkedHashSet<>();
        wantedRoute(target).ifPresent(route -> ids.add(route.apiId()));
        ids.addAll(Owners.inPool(view.pool()).getOrDefault(serviceArn, Set.of()));
        if (service != null && service.tags().containsKey(TagContract.API_TAG)) {
            ids.add(service.tags().get(TagContract.API_TAG));
        }
        if (config.defaults().apiId() != null) {
            ids.add(config.defaults().apiId());
        }
        ids.removeIf(id -> !TagContract.isApiId(id));
        return ids;
    }

    /**
     * The service's first target group and the load balancers it is attached to, not counting pool NLBs that
     * reach it only through onboarder-owned listeners (option 3 attaches the group to the pool NLB itself).
     */
    private ServiceBackend backend(EcsService service) {
        String tlsServerName = service.tags().get(TagContract.TLS_SERVER_NAME_TAG);
        if (service.targetGroupArns().isEmpty()) {
            return service.registryArns().isEmpty() ? ServiceBackend.none()
                    : new ServiceBackend(null, null, List.of(), List.of(), service.registryArns(),
                    service.subnetIds(), tlsServerName);
        }
        String arn = service.targetGroupArns().get(0);
        TargetGroup group = view.targetGroup(arn).orElse(null);
        if (group == null) {
            return new ServiceBackend(arn, null, List.of(), List.of(), service.registryArns(), service.subnetIds(),
                    tlsServerName);
        }
        List<LoadBalancer> attached = new ArrayList<>();
        List<LoadBalancerListener> listeners = new ArrayList<>();
        for (String lbArn : group.loadBalancerArns()) {
            LoadBalancer lb = view.loadBalancer(lbArn).orElse(null);
            if (lb == null || reachedOnlyByOnboarder(lb, arn)) {
                continue;
            }
            attached.add(lb);
            listeners.addAll(lb.tags().containsKey(PoolTag.KEY) ? view.listeners(lbArn)
                    : loadBalancing.listeners(lbArn));
        }
        return new ServiceBackend(arn, group, attached, listeners, service.registryArns(), service.subnetIds(),
                tlsServerName);
    }

    private boolean reachedOnlyByOnboarder(LoadBalancer lb, String targetGroupArn) {
        if (!lb.network() || !lb.tags().containsKey(PoolTag.KEY)) {
            return false;
        }
        return view.listeners(lb.arn()).stream()
                .filter(listener -> listener.targetGroupArns().contains(targetGroupArn))
                .allMatch(listener -> listener.tags().containsKey(Ownership.SERVICE_TAG));
    }
}
