package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.model.VpcLink;
import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import com.ecsapi.onboarder.onboarding.plan.ApiKind;
import com.ecsapi.onboarder.onboarding.plan.IntegrationLandscape;
import com.ecsapi.onboarder.onboarding.plan.PoolLandscape;
import com.ecsapi.onboarder.pool.PoolTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one batch knows of AWS: read once (lazily), then kept up to date by the batch's own writes, so ten
 * services cost one round of describes, not ten. Other writers are caught by AWS's conditional creates
 * (DuplicateListener, TooManyListeners, ConflictException), after which the affected part is read again.
 */
public final class BatchView {

    private final LoadBalancing loadBalancing;
    private final RestApis restApis;
    private final HttpApis httpApis;
    private List<VpcLinkV2> vpcLinksV2;
    private final Map<String, ApiKind> apiKinds = new HashMap<>();
    private final Map<String, Set<String>> httpStageNames = new HashMap<>();
    private final Map<String, Optional<HttpApiView>> httpApisById = new HashMap<>();

    /** The batch's mutable view of one HTTP API. */
    private record HttpApiView(List<HttpRoute> routes, List<HttpIntegration> integrations) {
    }
    private final Set<String> lastPoolNlbs;
    private List<LoadBalancer> loadBalancers;
    private final Map<String, List<LoadBalancerListener>> listeners = new HashMap<>();
    private final Set<String> fullNlbs = new HashSet<>();
    private List<VpcLink> vpcLinks;
    private Map<String, TargetGroup> targetGroups;
    private List<TargetGroup> ownTargetGroups;
    private final Map<String, Optional<List<RestResource>>> apis = new HashMap<>();
    private final Map<String, List<DeployedStage>> stages = new HashMap<>();
    private final Set<String> targetsRead = new HashSet<>();

    /**
     * {@code lastPoolNlbs}: the ARNs of the pool NLBs as the previous batch of this instance found them (a hint of
     * which listeners to read before the tags, see {@link #readLoadBalancing}); this batch updates it.
     */
    public BatchView(LoadBalancing loadBalancing, RestApis restApis, HttpApis httpApis, Set<String> lastPoolNlbs) {
        this.loadBalancing = loadBalancing;
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.lastPoolNlbs = lastPoolNlbs;
    }

    /** REST when the id names a REST API, else HTTP when it names an HTTP API, else MISSING. */
    public ApiKind apiKind(String apiId) {
        if (!apis(Set.of(apiId)).isEmpty()) {
            return ApiKind.REST;
        }
        return apiKinds.computeIfAbsent(apiId, id -> httpApis.isHttpApi(id) ? ApiKind.HTTP : ApiKind.MISSING);
    }

    /**
     * What the pattern choice needs for {@code apiId}; the VPC links V2 are read only when the choice can use
     * them ({@code withVpcLinksV2}), so a REST-only setup never calls apigatewayv2 for them.
     */
    public IntegrationLandscape integration(String apiId, boolean withVpcLinksV2) {
        ApiKind kind = apiId == null ? ApiKind.MISSING : apiKind(apiId);
        boolean v2 = kind == ApiKind.HTTP || (kind == ApiKind.REST && withVpcLinksV2);
        return new IntegrationLandscape(kind, kind == ApiKind.MISSING ? Set.of() : stages(apiId, kind),
                pool().vpcLinks(), v2 ? vpcLinksV2() : List.of());
    }

    /** The names of the API's stages: a REST API's from what its stages serve, read once anyway. */
    private Set<String> stages(String apiId, ApiKind kind) {
        if (kind == ApiKind.HTTP) {
            return httpStageNames.computeIfAbsent(apiId, httpApis::stageNames);
        }
        return stages(apiId).stream().map(DeployedStage::name).collect(java.util.stream.Collectors.toSet());
    }

    /** The routes and integrations of each of these ids that names an HTTP API (the others are left out). */
    public Map<String, HttpApi> httpApis(Set<String> apiIds) {
        Map<String, HttpApi> result = new LinkedHashMap<>();
        for (String apiId : apiIds) {
            if (apiKind(apiId) != ApiKind.HTTP) {
                continue;
            }
            httpApisById.computeIfAbsent(apiId, id -> httpApis.api(id).map(api ->
                            new HttpApiView(new ArrayList<>(api.routes()), new ArrayList<>(api.integrations()))))
                    .ifPresent(view -> result.put(apiId, new HttpApi(apiId, view.routes(), view.integrations())));
        }
        return result;
    }

    /** The id of the integration of this HTTP API with this description (made earlier in the batch, or found). */
    public Optional<String> httpIntegrationId(String apiId, String description) {
        return httpView(apiId).integrations().stream().filter(i -> description.equals(i.description()))
                .map(HttpIntegration::id).findFirst();
    }

    /** Someone else wrote to this HTTP API: read it again. */
    public void forgetHttpApi(String apiId) {
        httpApisById.remove(apiId);
    }

    void httpIntegrationPut(String apiId, HttpIntegration integration) {
        List<HttpIntegration> integrations = httpView(apiId).integrations();
        integrations.removeIf(i -> i.id().equals(integration.id()));
        integrations.add(integration);
    }

    void httpIntegrationDeleted(String apiId, String integrationId) {
        httpView(apiId).integrations().removeIf(i -> i.id().equals(integrationId));
    }

    void httpRouteCreated(String apiId, HttpRoute route) {
        httpView(apiId).routes().add(route);
    }

    void httpRouteRetargeted(String apiId, String routeId, String integrationId) {
        httpView(apiId).routes().replaceAll(r -> r.id().equals(routeId)
                ? new HttpRoute(r.id(), r.routeKey(), "integrations/" + integrationId, r.operationName()) : r);
    }

    void httpRouteDeleted(String apiId, String routeId) {
        httpView(apiId).routes().removeIf(r -> r.id().equals(routeId));
    }

    private HttpApiView httpView(String apiId) {
        httpApis(Set.of(apiId));
        return httpApisById.get(apiId).orElseThrow();
    }

    public List<VpcLinkV2> vpcLinksV2() {
        if (vpcLinksV2 == null) {
            vpcLinksV2 = httpApis.vpcLinks();
        }
        return vpcLinksV2;
    }


    /** Every load balancer with its tags. */
    public List<LoadBalancer> loadBalancers() {
        if (loadBalancers == null) {
            readLoadBalancing();
        }
        return loadBalancers;
    }

    /**
     * Reads the load balancers, the target groups and the pool NLBs' listeners, and the tags of the load
     * balancers, the onboarder's target groups and those listeners together: DescribeTags takes 20 ARNs of any
     * kind a call. Only the tags say which NLBs are in a pool, so the listeners read before them are those of the
     * NLBs in a pool at the previous batch, or on an instance's first batch those behind the REST VPC links (read
     * for the pool anyway); an NLB that joined a pool since has its listeners and their tags read after, what was
     * read of one that is not in a pool is dropped. Every tag is this batch's: the hint saves calls only.
     */
    private void readLoadBalancing() {
        List<LoadBalancer> all = loadBalancing.loadBalancers();
        List<TargetGroup> groups = loadBalancing.targetGroups();
        Set<String> hint = lastPoolNlbs.isEmpty() ? vpcLinkTargets() : lastPoolNlbs;
        Map<String, List<LoadBalancerListener>> readAhead = new LinkedHashMap<>();
        all.stream().filter(lb -> lb.network() && hint.contains(lb.arn()))
                .forEach(nlb -> readAhead.put(nlb.arn(), loadBalancing.listeners(nlb.arn())));
        List<String> arns = new ArrayList<>(all.stream().map(LoadBalancer::arn).toList());
        groups.stream().filter(BatchView::own).forEach(group -> arns.add(group.arn()));
        readAhead.values().forEach(read -> read.forEach(listener -> arns.add(listener.arn())));
        Map<String, Map<String, String>> tags = loadBalancing.tags(arns);
        loadBalancers = all.stream().map(lb -> lb.withTags(tags.getOrDefault(lb.arn(), Map.of()))).toList();
        keepTargetGroups(groups, tags);
        List<String> poolNlbs = loadBalancers.stream().filter(BatchView::inPool).map(LoadBalancer::arn).toList();
        lastPoolNlbs.retainAll(poolNlbs);
        lastPoolNlbs.addAll(poolNlbs);
        readAhead.keySet().retainAll(poolNlbs);
        readAhead.forEach((nlb, read) -> listeners.put(nlb, tagged(read, tags)));
        readListeners(poolNlbs.stream().filter(nlb -> !readAhead.containsKey(nlb)).toList());
    }

    /** The listeners of these NLBs, with one round of DescribeTags for all of them. */
    private void readListeners(List<String> nlbArns) {
        Map<String, List<LoadBalancerListener>> read = new LinkedHashMap<>();
        nlbArns.forEach(nlb -> read.put(nlb, loadBalancing.listeners(nlb)));
        Map<String, Map<String, String>> tags = loadBalancing.tags(read.values().stream().flatMap(List::stream)
                .map(LoadBalancerListener::arn).toList());
        read.forEach((nlb, listenersRead) -> listeners.put(nlb, tagged(listenersRead, tags)));
    }

    private static List<LoadBalancerListener> tagged(List<LoadBalancerListener> read, Map<String, Map<String, String>> tags) {
        return new ArrayList<>(read.stream()
                .map(listener -> listener.withTags(tags.getOrDefault(listener.arn(), Map.of()))).toList());
    }

    /** Every target group by ARN (as listed), and the onboarder's own with their tags. */
    private void keepTargetGroups(List<TargetGroup> groups, Map<String, Map<String, String>> tags) {
        targetGroups = new HashMap<>();
        groups.forEach(group -> targetGroups.put(group.arn(), group));
        ownTargetGroups = new ArrayList<>(groups.stream().filter(BatchView::own)
                .map(group -> group.withTags(tags.getOrDefault(group.arn(), Map.of()))).toList());
    }

    private static boolean own(TargetGroup group) {
        return group.name().startsWith(Ownership.TARGET_GROUP_PREFIX);
    }

    private static boolean inPool(LoadBalancer lb) {
        return lb.network() && lb.tags().containsKey(PoolTag.KEY);
    }

    public Optional<LoadBalancer> loadBalancer(String arn) {
        return loadBalancers().stream().filter(lb -> lb.arn().equals(arn)).findFirst();
    }

    /**
     * The pool NLBs (tag {@code apigw:pool}), their listeners, the VPC links and the onboarder's target groups;
     * without routed ports ({@link PoolLandscape#withRoutedPorts} adds those of the APIs a reconcile knows).
     */
    public PoolLandscape pool() {
        List<LoadBalancer> poolNlbs = loadBalancers().stream().filter(BatchView::inPool).toList();
        Map<String, List<LoadBalancerListener>> byNlb = new LinkedHashMap<>();
        poolNlbs.forEach(nlb -> byNlb.put(nlb.arn(), listeners(nlb.arn())));
        return new PoolLandscape(poolNlbs, byNlb, restVpcLinks(), ownTargetGroups(), fullNlbs, Map.of());
    }

    private List<VpcLink> restVpcLinks() {
        if (vpcLinks == null) {
            vpcLinks = new ArrayList<>(restApis.vpcLinks());
        }
        return vpcLinks;
    }

    private Set<String> vpcLinkTargets() {
        Set<String> targets = new HashSet<>();
        restVpcLinks().forEach(link -> targets.addAll(link.targetArns()));
        return targets;
    }

    /** A load balancer's listeners with their tags. */
    public List<LoadBalancerListener> listeners(String lbArn) {
        loadBalancers();
        if (!listeners.containsKey(lbArn)) {
            readListeners(List.of(lbArn));
        }
        return listeners.get(lbArn);
    }

    public List<TargetGroup> ownTargetGroups() {
        loadBalancers();
        if (ownTargetGroups == null) {
            List<TargetGroup> groups = loadBalancing.targetGroups();
            keepTargetGroups(groups, loadBalancing.tags(groups.stream().filter(BatchView::own).map(TargetGroup::arn).toList()));
        }
        return ownTargetGroups;
    }

    /**
     * The target group as the batch listed it (without tags), else as DescribeTargetGroups shows it now (one made
     * since). Its load balancers stay those of the listing: the batch's own writes attach a service's group to or
     * detach it from pool NLBs only, through its own listeners, which the pattern choice does not count anyway.
     */
    public Optional<TargetGroup> targetGroup(String arn) {
        ownTargetGroups();
        TargetGroup listed = targetGroups.get(arn);
        return listed != null ? Optional.of(listed) : loadBalancing.targetGroup(arn);
    }

    /** The resources of each API; an API that does not exist is left out. */
    public Map<String, List<RestResource>> apis(Set<String> apiIds) {
        Map<String, List<RestResource>> result = new LinkedHashMap<>();
        for (String apiId : apiIds) {
            apis.computeIfAbsent(apiId, id -> restApis.resources(id).map(ArrayList::new))
                    .ifPresent(resources -> result.put(apiId, resources));
        }
        return result;
    }

    /**
     * What each stage of this REST API serves (none for other kinds), read once: the batch deploys only at its
     * end, so this stays what the stages serve while the batch runs.
     */
    public List<DeployedStage> stages(String apiId) {
        if (apiKind(apiId) != ApiKind.REST) {
            return List.of();
        }
        return stages.computeIfAbsent(apiId, id -> restApis.stages(id).orElse(List.of()));
    }

    /** Reads the registered targets of the onboarder's target groups owned by this service (once per batch). */
    public void readTargets(String serviceArn) {
        ownTargetGroups().replaceAll(group -> serviceArn.equals(group.tags().get(Ownership.SERVICE_TAG))
                && targetsRead.add(group.arn()) ? group.withTargets(loadBalancing.targets(group.arn())) : group);
    }

    public Optional<RestResource> resource(String apiId, String path) {
        return apis(Set.of(apiId)).getOrDefault(apiId, List.of()).stream()
                .filter(resource -> resource.path().equals(path)).findFirst();
    }

    void listenerCreated(LoadBalancerListener listener) {
        listeners(listener.loadBalancerArn()).add(listener);
    }

    void listenerRetagged(String arn, Map<String, String> tags) {
        listeners.values().forEach(list -> list.replaceAll(listener -> listener.arn().equals(arn)
                ? new LoadBalancerListener(arn, listener.loadBalancerArn(), listener.port(), listener.protocol(),
                listener.targetGroupArns(), tags) : listener));
    }

    void listenerDeleted(String arn) {
        listeners.values().forEach(list -> list.removeIf(listener -> listener.arn().equals(arn)));
    }

    void vpcLinkCreated(VpcLink link) {
        pool();
        vpcLinks.add(link);
    }

    void targetGroupCreated(TargetGroup group) {
        targetsRead.add(group.arn());
        ownTargetGroups().add(group);
        targetGroups.put(group.arn(), group);
    }

    void targetRegistered(String targetGroupArn, String target) {
        ownTargetGroups().replaceAll(group -> {
            if (!group.arn().equals(targetGroupArn) || group.targets().contains(target)) {
                return group;
            }
            List<String> targets = new ArrayList<>(group.targets());
            targets.add(target);
            return group.withTargets(targets);
        });
    }

    void targetGroupDeleted(String arn) {
        ownTargetGroups().removeIf(group -> group.arn().equals(arn));
        targetGroups.remove(arn);
    }

    void resourceCreated(String apiId, RestResource resource) {
        apis.get(apiId).orElseThrow().add(resource);
    }

    void methodPut(String apiId, String resourceId, RestMethod method) {
        List<RestResource> resources = apis.get(apiId).orElseThrow();
        resources.replaceAll(resource -> {
            if (!resource.id().equals(resourceId)) {
                return resource;
            }
            Map<String, RestMethod> methods = new LinkedHashMap<>(resource.methods());
            methods.put(method.httpMethod(), method);
            return new RestResource(resource.id(), resource.parentId(), resource.path(), methods);
        });
    }

    void methodDeleted(String apiId, String resourceId, String httpMethod) {
        apis.get(apiId).orElseThrow().replaceAll(resource -> {
            if (!resource.id().equals(resourceId)) {
                return resource;
            }
            Map<String, RestMethod> methods = new LinkedHashMap<>(resource.methods());
            methods.remove(httpMethod);
            return new RestResource(resource.id(), resource.parentId(), resource.path(), methods);
        });
    }

    /** Drops the resource and everything below it, as DeleteResource does. */
    void resourceDeleted(String apiId, String resourceId) {
        List<RestResource> resources = apis.get(apiId).orElseThrow();
        Set<String> doomed = new HashSet<>(Set.of(resourceId));
        int before;
        do {
            before = doomed.size();
            resources.stream().filter(r -> r.parentId() != null && doomed.contains(r.parentId()))
                    .forEach(r -> doomed.add(r.id()));
        } while (doomed.size() > before);
        resources.removeIf(resource -> doomed.contains(resource.id()));
    }

    /** Someone else wrote to this NLB: read its listeners again. */
    public void forgetListeners(String nlbArn) {
        listeners.remove(nlbArn);
    }

    /** AWS refused one more listener on this NLB: place no new listener there for the rest of the batch. */
    public void markFull(String nlbArn) {
        fullNlbs.add(nlbArn);
    }

    public void forgetApi(String apiId) {
        apis.remove(apiId);
    }

    public void forgetTargetGroups() {
        ownTargetGroups = null;
        targetsRead.clear();
    }
}
