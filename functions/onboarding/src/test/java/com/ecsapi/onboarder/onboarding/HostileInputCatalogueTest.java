package com.ecsapi.onboarder.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A catalogue of hostile inputs (tag values, event bodies, batches), each run through the real handler against the
 * test bed next to a service that is already onboarded. Each must end with a clear outcome (a refusal, a skip or a
 * parked message, each with its reason; never an exception, never a message given back) and change nothing that
 * belongs to any other service. The figures (tried / held) are printed for BENCHMARKS.md.
 */
class HostileInputCatalogueTest extends EmulatorTestBase {

    private static final String NONE = "-";

    /** What a hostile input must end in: the outcome and reason of its decision or parking line. */
    private record Expected(String outcome, String reason) {
    }

    private record Case(String input, SQSEvent batch, String service, Expected expected) {
    }

    private final SqsClient sqs = AwsClients.create(SqsClient.builder());
    private SqsEventSourceReplay queue;
    private String keeper;
    private int services;

    @BeforeEach
    void keeperAndQueues() {
        queue = new SqsEventSourceReplay(sqs);
        keeper = aws.service(cluster, "keeper", aws.tcpTargetGroup(vpcA, "keeper-tg"), vpcA, Map.of("apigw:path", "/keeper"));
        assertEquals(List.of(), failures(run(TestLandscape.batch(TestLandscape.createServiceEvent(keeper, cluster)))));
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("QUEUE_URL", queue.queueUrl);
        variables.put("DEAD_LETTER_QUEUE_URL", queue.deadLetterQueueUrl);
        return variables;
    }

    @Test
    void everyHostileInputEndsClearlyAndChangesNoOtherService() {
        List<Case> tags = tagCases();
        List<Case> bodies = bodyCases();
        List<Case> batches = batchCases();
        List<Case> cases = new ArrayList<>(tags);
        cases.addAll(bodies);
        cases.addAll(batches);

        List<String> broken = new ArrayList<>();
        int parked = 0;
        for (Case hostile : cases) {
            Map<String, Set<String>> before = snapshot();
            SQSBatchResponse response;
            try {
                response = run(hostile.batch());
            } catch (RuntimeException | Error e) {
                broken.add(hostile.input() + ": the handler threw " + e);
                continue;
            }
            Map<String, Set<String>> after = snapshot();
            List<String> problems = new ArrayList<>();
            if (!failures(response).isEmpty()) {
                problems.add("messages given back " + failures(response));
            }
            if (!outcomes().contains(hostile.expected())) {
                problems.add("expected " + hostile.expected() + ", got " + outcomes());
            }
            if (!before.equals(after)) {
                problems.add("changed " + difference(before, after));
            }
            if (!problems.isEmpty()) {
                broken.add(hostile.input() + ": " + problems);
            }
            parked += (int) outcome.decisions().stream().filter(Decision.Parked.class::isInstance).count();
        }
        int deadLetters = queue.deadLettersWaiting();
        System.err.println("Hostile inputs: tried " + cases.size() + " (" + tags.size() + " tag values, " + bodies.size()
                + " message bodies, " + batches.size() + " batches), held " + (cases.size() - broken.size())
                + "; messages parked in the dead-letter queue: " + deadLetters);

        assertEquals(List.of(), broken);
        assertEquals(parked, deadLetters, "every parked message is in the dead-letter queue, once");
        assertEquals(0, queue.queued(), "nothing was sent to the onboarding queue");
        assertEquals(Set.of("/", "/keeper", "/keeper/{proxy+}"), aws.resources(apiId).keySet());
    }

    // ---- the catalogue ----

    private List<Case> tagCases() {
        List<Case> cases = new ArrayList<>();
        for (String path : List.of("/..", "/.", "/x/.", "/x/..", "/a/../b", "/./a", "/orders~1", "/a b", "/ä", "/{proxy+}",
                "/{id}", "/a:b", "/a%2e%2e", "//", "/", "", " ", "orders", "/orders/", "/a?x=1", "/a#b", "/a\tb", "/a\nb",
                "/" + "x".repeat(600), "/a;b", "/a*", "/a'b", "/a\"b", "/<script>", "/a\\b", "/a/./b", "/\u0000")) {
            cases.add(tagged(Map.of("apigw:path", path), "Rejected", "InvalidPath"));
        }
        cases.add(tagged(Map.of("apigw:path", "/keeper"), "Rejected", "PathConflict"));
        cases.add(tagged(Map.of("apigw:path", "/keeper/orders"), "Rejected", "PathConflict"));
        // a well-formed id of an API the stack is not configured for is refused by AWS itself (AccessDenied)
        for (String api : List.of("", " ", "../x", "ABCDEFGHIJ", "a/b", "abc?def", "x".repeat(65), "a%2Fb")) {
            cases.add(tagged(Map.of("apigw:path", "/svc", "apigw:api", api), "Rejected", "InvalidTag"));
        }
        for (String stage : List.of("", " ", "prod/../x", "pröd", "x".repeat(129), "prod stage", "prod\n")) {
            cases.add(tagged(Map.of("apigw:path", "/svc", "apigw:stage", stage), "Rejected", "InvalidTag"));
        }
        for (String stage : List.of("$default", "staging", "Prod", "prod-")) {
            cases.add(tagged(Map.of("apigw:path", "/svc", "apigw:stage", stage), "Rejected", "UnknownStage"));
        }
        for (String name : List.of("", "a b", "evil.example.com/x", "-x.example.com", "host:443", "x".repeat(260))) {
            cases.add(tagged(Map.of("apigw:path", "/svc", "apigw:tls-server-name", name), "Rejected", "InvalidTag"));
        }
        for (String pool : List.of("", "no-such-pool", "../default", "x".repeat(256), "default ")) {
            cases.add(tagged(Map.of("apigw:path", "/svc", "apigw:pool", pool), "Rejected", "NoPoolNlb"));
        }
        return cases;
    }

    private List<Case> bodyCases() {
        String service = "arn:aws:ecs:us-east-1:" + TestLandscape.ACCOUNT + ":service/apps/";
        List<Case> cases = new ArrayList<>();
        List<String> empty = new ArrayList<>(java.util.Arrays.asList(null, "", " ", "\n\t"));
        empty.forEach(body -> cases.add(body(body, "Parked", "EmptyMessage")));
        for (String body : List.of("{", "[]", "[1,2]", "\"text\"", "42", "true", "null", "{}", "\uFEFF{}",
                "{\"source\":\"aws.s3\"}", "{\"source\":42}",
                "{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\"}",
                "{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":"
                        + "{\"eventName\":\"CreateService\",\"requestParameters\":{}}}",
                "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[]}",
                "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[42]}",
                "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[\"arn:aws:s3:::bucket\"]}",
                "{\"source\":\"ecs-api-onboarder.sweep\",\"detail-type\":\"Reconcile Service\",\"detail\":{}}",
                "{\"source\":\"ecs-api-onboarder.sweep\",\"detail\":{\"serviceArn\":\"../../etc\"}}",
                "[".repeat(100_000))) {
            cases.add(body(body, "Parked", "MalformedEvent"));
        }
        cases.add(body("{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\"}", "Skipped", "IgnoredEvent"));
        cases.add(body("{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":"
                + "{\"eventName\":\"RunTask\"}}", "Skipped", "IgnoredEvent"));
        cases.add(body(TestLandscape.failedCreateEvent(cluster, "x"), "Skipped", "FailedCall"));
        cases.add(body(TestLandscape.tagEvent("TagResource", cluster), "Skipped", "IgnoredEvent"));
        cases.add(body(TestLandscape.createServiceEvent(service + "../../keeper", cluster), "Parked", "MalformedEvent"));
        cases.add(body(TestLandscape.createServiceEvent(service + "x".repeat(2000), cluster), "Parked", "MalformedEvent"));
        cases.add(body(TestLandscape.tagEvent("TagResource", service + "../keeper"), "Skipped", "IgnoredEvent"));
        cases.add(body(TestLandscape.createServiceEvent(service + "ghost", "arn:aws:ecs:us-east-1:1:cluster/none"),
                "Skipped", null));
        cases.add(body("{\"source\":\"ecs-api-onboarder.sweep\",\"detail-type\":\"Reconcile Service\",\"detail\":"
                + "{\"serviceArn\":\"" + service + "ghost\",\"apiIds\":[\"../x\",\"\",42,null,\"ABC\",\"" + apiId + "\"]}}",
                "Skipped", null));
        cases.add(body("{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[\"" + service
                + "ghost\"],\"detail\":{\"clusterArn\":{\"nested\":true}}}", "Skipped", null));
        return cases;
    }

    private List<Case> batchCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a batch of ten empty bodies", TestLandscape.batch(Collections.nCopies(10, " ")), null,
                new Expected("Parked", "EmptyMessage")));
        String refused = aws.service(cluster, "dots", aws.tcpTargetGroup(vpcA, "dots-tg"), vpcA, Map.of("apigw:path", "/.."));
        cases.add(new Case("ten deliveries of one refused service", TestLandscape.batch(
                Collections.nCopies(10, TestLandscape.createServiceEvent(refused, cluster))), refused,
                new Expected("Rejected", "InvalidPath")));
        List<String> mixed = new ArrayList<>(List.of("{", " ", "[]", "{\"source\":\"aws.s3\"}",
                TestLandscape.failedCreateEvent(cluster, "x"), TestLandscape.createServiceEvent(refused, cluster),
                TestLandscape.tagEvent("UntagResource", cluster), "null", "42"));
        mixed.add(TestLandscape.createServiceEvent(keeper, cluster));
        cases.add(new Case("nine hostile messages, then the onboarded service again", TestLandscape.batch(mixed), null,
                new Expected("Unchanged", null)));
        SQSEvent noRecords = new SQSEvent();
        cases.add(new Case("a batch without records", noRecords, null, new Expected("none", null)));
        SQSEvent oddAttributes = TestLandscape.batch("{");
        oddAttributes.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", "many"));
        cases.add(new Case("a message with a receive count that is no number and no group", oddAttributes, null,
                new Expected("Parked", "MalformedEvent")));
        return cases;
    }

    private Case tagged(Map<String, String> tags, String outcome, String reason) {
        String name = "hostile-" + (++services);
        String service = aws.service(cluster, name, aws.tcpTargetGroup(vpcA, name), vpcA, tags);
        return new Case("tags " + printable(tags.toString()), TestLandscape.batch(TestLandscape.createServiceEvent(service, cluster)),
                service, new Expected(outcome, reason));
    }

    private static Case body(String body, String outcome, String reason) {
        SQSEvent event = TestLandscape.batch("placeholder");
        event.getRecords().get(0).setBody(body);
        return new Case("body " + (body == null ? "null" : printable(body)), event, null, new Expected(outcome, reason));
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
        return shown.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0");
    }

    // ---- what happened ----

    /** Outcome and reason of each reconcile, skip and parking of the last run ("none" when there were none). */
    private Set<Expected> outcomes() {
        Set<Expected> outcomes = new java.util.HashSet<>();
        for (Decision decision : outcome.decisions()) {
            switch (decision) {
                case Decision.Reconciled reconciled -> outcomes.add(new Expected(reconciled.plan().outcome().name(),
                        reconciled.plan().reason() == null ? null : reconciled.plan().reason().name()));
                case Decision.Skipped skipped -> outcomes.add(new Expected("Skipped", skipped.skip().reason()));
                case Decision.Parked parked -> outcomes.add(new Expected("Parked", parked.failure().reason()));
                case Decision.Failed failed -> { }
                case Decision.NotParked notParked -> { }
            }
        }
        if (outcomes.isEmpty()) {
            outcomes.add(new Expected("none", null));
        }
        return outcomes;
    }

    /** Every object on the NLB, among the onboarder's target groups and on the API, by owning service. */
    private Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> byOwner = new TreeMap<>();
        Function<String, Set<String>> owner = key -> byOwner.computeIfAbsent(key == null ? NONE : key, k -> new TreeSet<>());
        for (Listener listener : aws.listeners(nlbA1)) {
            Map<String, String> tags = aws.tags(listener.listenerArn());
            owner.apply(tags.get("ecs-api-onboarder:service")).add("listener " + listener.port() + " -> "
                    + listener.defaultActions().get(0).targetGroupArn() + " " + tags);
        }
        aws.elb.describeTargetGroups(request -> { }).targetGroups().stream()
                .filter(group -> group.targetGroupName().startsWith("eao-"))
                .forEach(group -> owner.apply(aws.tags(group.targetGroupArn()).get("ecs-api-onboarder:service"))
                        .add("target group " + group.targetGroupName()));
        for (Resource resource : aws.resources(apiId).values()) {
            owner.apply(NONE).add("resource " + resource.path());
            for (Map.Entry<String, Method> method : resource.resourceMethods().entrySet()) {
                String operation = method.getValue().operationName();
                String uri = method.getValue().methodIntegration() == null ? null : method.getValue().methodIntegration().uri();
                owner.apply(operation != null && operation.startsWith("ecs-api-onboarder:")
                        ? operation.substring("ecs-api-onboarder:".length()) : NONE)
                        .add(method.getKey() + " " + resource.path() + " -> " + uri);
            }
        }
        aws.apiGateway.getStages(request -> request.restApiId(apiId)).item()
                .forEach(stage -> owner.apply(NONE).add("stage " + stage.stageName()));
        return byOwner;
    }

    private static Map<String, String> difference(Map<String, Set<String>> before, Map<String, Set<String>> after) {
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> owners = new TreeSet<>(before.keySet());
        owners.addAll(after.keySet());
        owners.stream().filter(key -> !java.util.Objects.equals(before.get(key), after.get(key)))
                .forEach(key -> changed.put(key, before.get(key) + " => " + after.get(key)));
        return changed;
    }
}
