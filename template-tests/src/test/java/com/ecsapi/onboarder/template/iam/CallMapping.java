package com.ecsapi.onboarder.template.iam;

import com.ecsapi.onboarder.testbed.MotoServer;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What AWS authorises for a call, per the Service Authorization Reference. API Gateway (REST and HTTP APIs) names
 * no operation: it authorises the HTTP method ({@code apigateway:GET|POST|PUT|PATCH|DELETE}) on the request path
 * ({@code arn:aws:apigateway:<region>::/restapis/...}; HTTP APIs' {@code /v2/apis/...} is {@code /apis/...}).
 * The other services authorise {@code service:Operation} on the ARN the call acts on, or {@code *} where the action
 * has no resource-level permission. A call this class has no rule for is an error, never a silent pass.
 */
public final class CallMapping {

    public static final String REGION = MotoServer.REGION;
    public static final String ACCOUNT = "123456789012";

    private CallMapping() {
    }

    /** The authorisations of the call, each with the global context key {@code aws:RequestedRegion}. */
    public static List<IamRequest> requests(RecordedCall call) {
        return serviceRequests(call).stream().map(request -> {
            Map<String, List<String>> context = new TreeMap<>(request.context());
            context.put("aws:RequestedRegion", List.of(REGION));
            return new IamRequest(request.action(), request.resource(), context);
        }).toList();
    }

    private static List<IamRequest> serviceRequests(RecordedCall call) {
        return switch (call.service()) {
            case "apigateway" -> List.of(IamRequest.of("apigateway:" + call.method(),
                    "arn:aws:apigateway:" + REGION + "::" + call.path().replaceFirst("^/v2/", "/")));
            case "elasticloadbalancing" -> elb(call);
            case "ecs" -> ecs(call);
            case "servicediscovery" -> serviceDiscovery(call);
            case "sqs" -> sqs(call);
            case "monitoring" -> cloudWatch(call);
            case "servicequotas" -> serviceQuotas(call);
            default -> throw unmapped(call);
        };
    }

    private static List<IamRequest> elb(RecordedCall call) {
        String action = "elasticloadbalancing:" + call.operation();
        if (call.operation().startsWith("Describe")) {
            return List.of(IamRequest.of(action, "*"));
        }
        List<IamRequest> requests = new ArrayList<>();
        switch (call.operation()) {
            case "CreateListener" -> requests.add(withRequestTags(call, onElbResource(call, action, call.param("LoadBalancerArn"))));
            case "CreateTargetGroup" -> call.created().forEach(arn -> requests.add(withRequestTags(call, IamRequest.of(action, arn))));
            case "DeleteListener", "ModifyListener" -> requests.add(onElbResource(call, action, call.param("ListenerArn")));
            case "DeleteTargetGroup", "ModifyTargetGroup", "RegisterTargets", "DeregisterTargets" ->
                    requests.add(onElbResource(call, action, call.param("TargetGroupArn")));
            case "AddTags", "RemoveTags" ->
                    call.members("ResourceArns").forEach(arn -> requests.add(onElbResource(call, action, arn)));
            default -> throw unmapped(call);
        }
        if (call.operation().startsWith("Create") && call.param("Tags.member.1.Key") != null) {
            // tags given at create are authorised as AddTags on the new resource, with the creating action as context
            call.created().forEach(arn -> requests.add(new IamRequest("elasticloadbalancing:AddTags", arn,
                    Map.of("elasticloadbalancing:CreateAction", List.of(call.operation())))));
        }
        return requests;
    }

    /** A create with the tags it asks for: {@code aws:RequestTag/<key>} and {@code aws:TagKeys}. */
    private static IamRequest withRequestTags(RecordedCall call, IamRequest request) {
        Map<String, List<String>> context = new TreeMap<>(request.context());
        List<String> keys = new ArrayList<>();
        for (int index = 1; call.param("Tags.member." + index + ".Key") != null; index++) {
            String key = call.param("Tags.member." + index + ".Key");
            keys.add(key);
            String value = call.param("Tags.member." + index + ".Value");
            context.put("aws:RequestTag/" + key, List.of(value == null ? "" : value));
        }
        if (!keys.isEmpty()) {
            context.put("aws:TagKeys", keys);
        }
        return new IamRequest(request.action(), request.resource(), context);
    }

    /** The action on an existing ELB resource, with {@code aws:ResourceTag/...} from its tags at call time. */
    private static IamRequest onElbResource(RecordedCall call, String action, String arn) {
        Map<String, List<String>> context = new TreeMap<>();
        call.resourceTags().getOrDefault(arn, Map.of())
                .forEach((key, value) -> context.put("aws:ResourceTag/" + key, List.of(value)));
        return new IamRequest(action, arn, context);
    }

    private static List<IamRequest> ecs(RecordedCall call) {
        String action = "ecs:" + call.operation();
        return switch (call.operation()) {
            case "ListClusters", "ListServices" -> List.of(IamRequest.of(action, "*"));
            case "DescribeServices" -> {
                String cluster = call.param("cluster") == null ? "default" : call.param("cluster");
                String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
                yield call.params().asObject().get("services").asArray().stream().map(JsonNode::text)
                        .map(service -> service.startsWith("arn:") ? service
                                : "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + clusterName + "/" + service)
                        .map(arn -> IamRequest.of(action, arn)).toList();
            }
            case "ListTagsForResource" -> List.of(IamRequest.of(action, call.param("resourceArn")));
            default -> throw unmapped(call);
        };
    }

    private static List<IamRequest> serviceDiscovery(RecordedCall call) {
        if (!call.operation().equals("GetService")) {
            throw unmapped(call);
        }
        return List.of(IamRequest.of("servicediscovery:GetService",
                "arn:aws:servicediscovery:" + REGION + ":" + ACCOUNT + ":service/" + call.param("Id")));
    }

    private static List<IamRequest> sqs(RecordedCall call) {
        // a batch is authorised as its single-message action
        String action = "sqs:" + call.operation().replaceFirst("Batch$", "");
        String[] url = call.param("QueueUrl").replaceFirst("^https?://[^/]+/", "").split("/");
        return List.of(IamRequest.of(action, "arn:aws:sqs:" + REGION + ":" + url[0] + ":" + url[1]));
    }

    private static List<IamRequest> cloudWatch(RecordedCall call) {
        String action = "cloudwatch:" + call.operation();
        String alarms = "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:";
        return switch (call.operation()) {
            case "PutMetricData" -> List.of(new IamRequest(action, "*",
                    Map.of("cloudwatch:namespace", List.of(call.param("Namespace")))));
            case "GetMetricData", "GetMetricStatistics", "ListMetrics" -> List.of(IamRequest.of(action, "*"));
            case "PutMetricAlarm" -> List.of(IamRequest.of(action, alarms + call.param("AlarmName")));
            // without names DescribeAlarms reads every alarm of the account and Region
            case "DeleteAlarms", "DescribeAlarms" -> call.members("AlarmNames").isEmpty()
                    ? List.of(IamRequest.of(action, "*"))
                    : call.members("AlarmNames").stream().map(name -> IamRequest.of(action, alarms + name)).toList();
            case "TagResource", "ListTagsForResource" -> List.of(IamRequest.of(action, call.param("ResourceARN")));
            default -> throw unmapped(call);
        };
    }

    private static List<IamRequest> serviceQuotas(RecordedCall call) {
        return switch (call.operation()) {
            case "GetServiceQuota", "GetAWSDefaultServiceQuota", "ListServiceQuotas", "ListAWSDefaultServiceQuotas",
                 "ListRequestedServiceQuotaChangeHistoryByQuota" ->
                    List.of(IamRequest.of("servicequotas:" + call.operation(), "*"));
            // the quota is the resource: arn:aws:servicequotas:<region>:<account>:<ServiceCode>/<QuotaCode>
            case "RequestServiceQuotaIncrease" -> List.of(IamRequest.of("servicequotas:" + call.operation(),
                    "arn:aws:servicequotas:" + REGION + ":" + ACCOUNT + ":" + call.param("ServiceCode") + "/"
                            + call.param("QuotaCode")));
            default -> throw unmapped(call);
        };
    }

    private static IllegalArgumentException unmapped(RecordedCall call) {
        return new IllegalArgumentException("no IAM mapping for " + call
                + ": add the rule from the Service Authorization Reference to CallMapping");
    }
}
