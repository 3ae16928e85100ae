package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The call journal the IAM judge reads: only calls made inside {@link MotoServer#runAs} are recorded, under the
 * run's function and settings, with the tags each ELB resource they name carries at call time and what they created.
 */
@Tag("emulator")
class CallJournalTest {

    private static Path journals;
    private static MotoServer moto;

    @BeforeAll
    static void startWithAJournal() throws IOException {
        journals = Files.createTempDirectory("call-journal");
        System.setProperty(MotoServer.JOURNAL_PROPERTY, journals.toString());
        try {
            moto = MotoServer.start();
        } finally {
            System.clearProperty(MotoServer.JOURNAL_PROPERTY);
        }
        moto.useForThisJvm();
    }

    @AfterAll
    static void stop() throws IOException {
        moto.close();
        try (var files = Files.list(journals)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(journals);
    }

    @Test
    void callsOfAFunctionRunAreJournaledWithTheTagsTheirResourcesCarryAtCallTime() throws IOException {
        Ec2Client ec2 = AwsClients.create(Ec2Client.builder());
        ElasticLoadBalancingV2Client elb = AwsClients.create(ElasticLoadBalancingV2Client.builder());
        TestBedTestBase.Nlb nlb = TestBedTestBase.networkLoadBalancer(ec2, elb, "pool-nlb");
        elb.addTags(r -> r.resourceArns(nlb.arn()).tags(tag -> tag.key("apigw:pool").value("default")));

        String listenerArn = moto.runAs("OnboardingFunction", Map.of("DEFAULT_API_ID", "a1b2c3d4e5"),
                Map.of("OtherApiIds", "f6g7h8i9j0"), () -> {
                    String arn = elb.createListener(r -> r.loadBalancerArn(nlb.arn()).protocol(ProtocolEnum.TCP)
                            .port(10000).tags(tag -> tag.key("ecs-api-onboarder:service").value("svc"))
                            .defaultActions(a -> a.type("forward").targetGroupArn(nlb.targetGroupArn())))
                            .listeners().get(0).listenerArn();
                    elb.deleteListener(r -> r.listenerArn(arn));
                    String group = elb.createTargetGroup(r -> r.name("owned").protocol(ProtocolEnum.TCP).port(80)
                            .vpcId(nlb.vpcId()).targetType(TargetTypeEnum.ALB)
                            .tags(tag -> tag.key("ecs-api-onboarder:service").value("svc")))
                            .targetGroups().get(0).targetGroupArn();
                    elb.registerTargets(r -> r.targetGroupArn(group).targets(target -> target.id(nlb.arn()).port(80)));
                    return arn;
                });
        elb.describeLoadBalancers(r -> { });

        List<JsonNode> lines = Files.readAllLines(onlyJournal()).stream().map(Json::parse).toList();
        assertEquals(List.of("session", "call", "call", "call", "call"), lines.stream().map(line -> text(line, "kind")).toList(),
                "the setup before and the read-back after the run are nobody's calls");
        JsonNode session = lines.get(0);
        assertEquals("OnboardingFunction", text(session, "function"));
        assertEquals("a1b2c3d4e5", Json.text(session, "environment", "DEFAULT_API_ID").orElseThrow());
        assertEquals("f6g7h8i9j0", Json.text(session, "parameters", "OtherApiIds").orElseThrow());

        JsonNode create = lines.get(1);
        assertEquals(text(session, "session"), text(create, "session"));
        assertEquals("elasticloadbalancing", text(create, "service"));
        assertEquals("CreateListener", text(create, "operation"));
        assertEquals(nlb.arn(), Json.text(create, "params", "LoadBalancerArn").orElseThrow());
        assertEquals("default", Json.at(create, "resourceTags").orElseThrow().asObject().get(nlb.arn())
                .asObject().get("apigw:pool").text(), "the pool tag of the NLB, for aws:ResourceTag/apigw:pool");
        assertEquals(List.of(listenerArn), Json.array(create, "created").stream().map(JsonNode::text).toList());
        assertEquals("200", Json.at(create, "status").orElseThrow().asNumber());

        JsonNode delete = lines.get(2);
        assertEquals("DeleteListener", text(delete, "operation"));
        assertEquals("svc", Json.at(delete, "resourceTags").orElseThrow().asObject().get(listenerArn)
                .asObject().get("ecs-api-onboarder:service").text(), "tags given at create are there at delete");

        JsonNode createGroup = lines.get(3);
        assertEquals("CreateTargetGroup", text(createGroup, "operation"));
        String groupArn = Json.array(createGroup, "created").get(0).text();
        JsonNode register = lines.get(4);
        assertEquals("RegisterTargets", text(register, "operation"));
        assertEquals("svc", Json.at(register, "resourceTags").orElseThrow().asObject().get(groupArn)
                .asObject().get("ecs-api-onboarder:service").text(), "a target group's tags from its create");
    }

    private static Path onlyJournal() throws IOException {
        try (var files = Files.list(journals)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static String text(JsonNode node, String field) {
        return Json.text(node, field).orElseThrow(() -> new AssertionError("no " + field + " in " + node));
    }
}
