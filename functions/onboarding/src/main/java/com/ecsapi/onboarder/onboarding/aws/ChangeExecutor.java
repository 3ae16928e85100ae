package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.aws.pacing.Pacing;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import com.ecsapi.onboarder.onboarding.plan.Change;
import com.ecsapi.onboarder.telemetry.StructuredLog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a plan in order. All or nothing: when a change fails, what this run created is deleted again
 * (newest first) before the error goes up, so a failed attempt leaves no orphan; the retry plans afresh. Each
 * undo is recorded as soon as its object exists (a target group before its target is registered, a method
 * before its integration is put), so no later step of the same change can orphan it. A roll-back is retried
 * harder than the forward steps when throttled ({@link Pacing#finishing}): a leftover costs a later reconcile.
 */
public final class ChangeExecutor {

    private final LoadBalancing loadBalancing;
    private final RestApis restApis;
    private final HttpApis httpApis;
    private final BatchView view;
    private final StructuredLog log;
    private final Pacing pacing;

    public ChangeExecutor(LoadBalancing loadBalancing, RestApis restApis, HttpApis httpApis, BatchView view,
                          StructuredLog log, Pacing pacing) {
        this.loadBalancing = loadBalancing;
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.view = view;
        this.log = log;
        this.pacing = pacing;
    }

    public void execute(List<Change> changes) {
        Deque<Runnable> undo = new ArrayDeque<>();
        Map<String, String> createdTargetGroups = new HashMap<>();
        try {
            for (Change change : changes) {
                apply(change, undo, createdTargetGroups);
            }
        } catch (RuntimeException failure) {
            pacing.finishing(() -> rollBack(undo, failure));
            throw failure;
        }
    }

    private void created(TargetGroup group, Deque<Runnable> undo, Map<String, String> createdTargetGroups) {
        createdTargetGroups.put(group.name(), group.arn());
        view.targetGroupCreated(group);
        undo.push(() -> {
            loadBalancing.deleteTargetGroup(group.arn());
            view.targetGroupDeleted(group.arn());
        });
    }

    private void apply(Change change, Deque<Runnable> undo, Map<String, String> createdTargetGroups) {
        switch (change) {
            case Change.CreateTargetGroup create -> created(loadBalancing.createAlbTargetGroup(create.name(),
                    create.vpcId(), create.albPort(), create.tags()), undo, createdTargetGroups);
            case Change.CreateBridgeTargetGroup create -> created(loadBalancing.createTargetGroup(create.name(),
                    create.vpcId(), create.protocol(), create.port(), create.targetType(), create.tags()), undo,
                    createdTargetGroups);
            case Change.RegisterTarget register -> {
                String targetGroupArn = targetGroupArn(register.targetGroup(), createdTargetGroups);
                loadBalancing.registerTarget(targetGroupArn, register.targetId(), register.port());
                view.targetRegistered(targetGroupArn, TargetGroup.target(register.targetId(), register.port()));
            }
            case Change.CreateListener create -> {
                String targetGroupArn = targetGroupArn(create.target(), createdTargetGroups);
                LoadBalancerListener listener = loadBalancing.createTcpListener(create.nlbArn(), create.port(), targetGroupArn,
                        create.tags());
                view.listenerCreated(listener);
                undo.push(() -> {
                    loadBalancing.deleteListener(listener.arn());
                    view.listenerDeleted(listener.arn());
                });
            }
            case Change.TagListener tag -> {
                loadBalancing.tag(tag.listenerArn(), tag.tags());
                view.listenerRetagged(tag.listenerArn(), tag.tags());
            }
            case Change.CreateResource create -> {
                String parentPath = create.path().substring(0, Math.max(1, create.path().lastIndexOf('/')));
                RestResource parent = view.resource(create.apiId(), parentPath).orElseThrow(() ->
                        new IllegalStateException("parent " + parentPath + " of " + create.path() + " is missing"));
                RestResource resource = restApis.createResource(create.apiId(), parent.id(), create.path());
                view.resourceCreated(create.apiId(), resource);
                undo.push(() -> {
                    restApis.deleteResource(create.apiId(), resource.id());
                    view.resourceDeleted(create.apiId(), resource.id());
                });
            }
            case Change.PutProxyMethod put -> {
                RestResource resource = view.resource(put.apiId(), put.path()).orElseThrow(() ->
                        new IllegalStateException("resource " + put.path() + " is missing"));
                if (put.putMethod()) {
                    restApis.putProxyMethod(put.apiId(), resource.id(), put.operationName(), put.greedy());
                    undo.push(() -> {
                        restApis.deleteMethod(put.apiId(), resource.id(), "ANY");
                        view.methodDeleted(put.apiId(), resource.id(), "ANY");
                    });
                }
                RestMethod method = restApis.putProxyIntegration(put.apiId(), resource.id(), put.operationName(),
                        put.uri(), put.vpcLinkId(), put.integrationTarget(), put.greedy());
                view.methodPut(put.apiId(), resource.id(), method);
            }
            case Change.CreateVpcLink create ->
                    view.vpcLinkCreated(restApis.createVpcLink(create.name(), create.nlbArn(), create.tags()));
            case Change.PutHttpIntegration put -> {
                HttpIntegration integration = httpApis.putIntegration(put.apiId(), put.integrationId(), put.uri(),
                        put.vpcLinkId(), put.serverName(), put.description());
                view.httpIntegrationPut(put.apiId(), integration);
                if (put.integrationId() == null) {
                    undo.push(() -> {
                        httpApis.deleteIntegration(put.apiId(), integration.id());
                        view.httpIntegrationDeleted(put.apiId(), integration.id());
                    });
                }
            }
            case Change.CreateHttpRoute create -> {
                HttpRoute route = httpApis.createRoute(create.apiId(), create.routeKey(), create.operationName(),
                        httpIntegrationId(create.apiId(), create.integrationDescription()));
                view.httpRouteCreated(create.apiId(), route);
                undo.push(() -> {
                    httpApis.deleteRoute(create.apiId(), route.id());
                    view.httpRouteDeleted(create.apiId(), route.id());
                });
            }
            case Change.RetargetHttpRoute retarget -> {
                String integrationId = httpIntegrationId(retarget.apiId(), retarget.integrationDescription());
                httpApis.retargetRoute(retarget.apiId(), retarget.routeId(), integrationId);
                view.httpRouteRetargeted(retarget.apiId(), retarget.routeId(), integrationId);
            }
            case Change.DeleteHttpRoute delete -> {
                httpApis.deleteRoute(delete.apiId(), delete.routeId());
                view.httpRouteDeleted(delete.apiId(), delete.routeId());
            }
            case Change.DeleteHttpIntegration delete -> {
                httpApis.deleteIntegration(delete.apiId(), delete.integrationId());
                view.httpIntegrationDeleted(delete.apiId(), delete.integrationId());
            }
            case Change.DeleteResource delete -> {
                restApis.deleteResource(delete.apiId(), delete.resourceId());
                view.resourceDeleted(delete.apiId(), delete.resourceId());
            }
            case Change.DeleteMethod delete -> {
                restApis.deleteMethod(delete.apiId(), delete.resourceId(), delete.httpMethod());
                view.methodDeleted(delete.apiId(), delete.resourceId(), delete.httpMethod());
            }
            case Change.DeleteListener delete -> {
                loadBalancing.deleteListener(delete.listenerArn());
                view.listenerDeleted(delete.listenerArn());
            }
            case Change.DeleteTargetGroup delete -> {
                loadBalancing.deleteTargetGroup(delete.arn());
                view.targetGroupDeleted(delete.arn());
            }
        }
    }

    private static String targetGroupArn(Change.TargetRef target, Map<String, String> createdTargetGroups) {
        return switch (target) {
            case Change.ExistingTargetGroup existing -> existing.arn();
            case Change.PlannedTargetGroup planned -> createdTargetGroups.get(planned.name());
        };
    }

    private String httpIntegrationId(String apiId, String description) {
        return view.httpIntegrationId(apiId, description).orElseThrow(() ->
                new IllegalStateException("integration '" + description + "' of HTTP API " + apiId + " is missing"));
    }

    private void rollBack(Deque<Runnable> undo, RuntimeException failure) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("error", e.toString());
                fields.put("cause", failure.toString());
                log.error("Roll-back step failed; the next reconcile of the service removes the leftover", fields);
            }
        }
    }
}
