package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotoServerTest {

    private static MotoServer moto;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        moto.useForThisJvm();
        ec2 = AwsClients.create(Ec2Client.builder());
    }

    @AfterAll
    static void stop() {
        ec2.close();
        moto.close();
    }

    @BeforeEach
    void reset() {
        moto.reset();
    }

    @Test
    void servesOnALoopbackPortAndPointsTheSdkAtIt() {
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        assertTrue(moto.endpoint().getPort() > 0);
        assertEquals(moto.endpoint().toString(), System.getProperty("aws.endpointUrl"));
        assertEquals(moto.endpoint().toString(), moto.clientEnvironment().get("AWS_ENDPOINT_URL"));
        assertEquals("us-east-1", moto.clientEnvironment().get("AWS_REGION"));

        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();

        assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().size());
    }

    @Test
    void resetClearsMotoState() {
        ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16"));
        Filter byCidr = Filter.builder().name("cidr").values("10.2.0.0/16").build();
        assertEquals(1, ec2.describeVpcs(r -> r.filters(byCidr)).vpcs().size());

        moto.reset();

        assertEquals(0, ec2.describeVpcs(r -> r.filters(byCidr)).vpcs().size());
    }
}
