package com.ecsapi.onboarder.testbed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One test bed per test class: started before its first test, reset before each, stopped after the last. */
@Tag("emulator")
abstract class TestBedTestBase {

    static MotoServer moto;

    @BeforeAll
    static void startTestBed() {
        moto = MotoServer.start();
        moto.useForThisJvm();
    }

    @AfterAll
    static void stopTestBed() {
        moto.close();
    }

    @BeforeEach
    void resetTestBed() {
        moto.reset();
    }

    static void assertAwsError(AwsServiceException error, int status, String code) {
        assertEquals(code, error.awsErrorDetails().errorCode(), error.getMessage());
        assertEquals(status, error.statusCode(), error.getMessage());
    }

    /** For clients that show the raw answer: built with defaults (so they reach the test bed) but no retries. */
    static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    record Nlb(String arn, String targetGroupArn, String vpcId) {
    }

    static String targetGroup(ElasticLoadBalancingV2Client elb, String vpcId, String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.TCP).port(8080).vpcId(vpcId)
                .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
    }

    /** A VPC with a subnet, an internal NLB in it and a TCP target group. */
    static Nlb networkLoadBalancer(Ec2Client ec2, ElasticLoadBalancingV2Client elb, String name) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        String nlbArn = elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).scheme("internal")
                .subnets(subnetId)).loadBalancers().get(0).loadBalancerArn();
        String targetGroupArn = targetGroup(elb, vpcId, name + "-tg");
        return new Nlb(nlbArn, targetGroupArn, vpcId);
    }
}
