package com.ecsapi.onboarder.onboarding;

import java.util.Map;

/**
 * Next to {@link EmulatorTestBase}'s base landscape, what every pattern needs: VPC B with the pool NLB {@code b1}
 * and its VPC link, a VPC link V2 in VPC A, an HTTP API with an auto-deploy {@code $default} stage; and one service
 * per pattern (with {@code PREFER_REST_VPC_LINK_V2=true}, an ALB in VPC A takes REST via VPC link V2).
 */
final class PatternLandscape {

    /** The patterns, by the label the decision logs. */
    enum Kind {
        OPTION_3("option-3-shared-nlb"),
        OPTION_4("option-4-shared-nlb-to-alb"),
        OPTION_2("option-2-dedicated-nlb"),
        REST_VPC_LINK_V2("rest-api-vpc-link-v2"),
        OPTION_1("option-1-http-api-load-balancer"),
        OPTION_1B("option-1b-http-api-cloud-map");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    final TestLandscape aws;
    final String cluster;
    final TestLandscape.Vpc vpcA;
    final TestLandscape.Vpc vpcB;
    final TestLandscape.Nlb nlbB1;
    final String linkB1;
    final String linkV2;
    final String httpApi;

    PatternLandscape(TestLandscape aws, TestLandscape.Vpc vpcA, String cluster) {
        this.aws = aws;
        this.cluster = cluster;
        this.vpcA = vpcA;
        vpcB = aws.vpc("10.2");
        nlbB1 = aws.nlb(vpcB, "b1", "default");
        linkB1 = aws.vpcLink(nlbB1);
        linkV2 = aws.vpcLinkV2(vpcA);
        httpApi = aws.httpApi("public-http", "$default", true);
    }

    String service(Kind kind) {
        return switch (kind) {
            case OPTION_3 -> option3();
            case OPTION_4 -> option4();
            case OPTION_2 -> option2();
            case REST_VPC_LINK_V2 -> restV2();
            case OPTION_1 -> option1();
            case OPTION_1B -> option1b();
        };
    }

    /** Option 3: a TCP target group in VPC A (pool NLB a1). */
    String option3() {
        return aws.service(cluster, "o3", aws.tcpTargetGroup(vpcA, "o3-tg"), vpcA, Map.of("apigw:path", "/o3"));
    }

    /** Option 4: an ALB in VPC B, where no VPC link V2 exists (pool NLB b1). */
    String option4() {
        return aws.service(cluster, "o4", aws.albWithTargetGroup(vpcB, "o4-alb")[1], vpcB, Map.of("apigw:path", "/o4"));
    }

    /** Option 2: its own NLB in VPC B with a VPC link. */
    String option2() {
        String tg = aws.tcpTargetGroup(vpcB, "o2-tg");
        aws.vpcLink(aws.dedicatedNlb(vpcB, "o2-nlb", tg, 7000));
        return aws.service(cluster, "o2", tg, vpcB, Map.of("apigw:path", "/o2"));
    }

    /** REST via VPC link V2: an ALB in VPC A, where the VPC link V2 is. */
    String restV2() {
        return aws.service(cluster, "v2", aws.albWithTargetGroup(vpcA, "v2-alb")[1], vpcA, Map.of("apigw:path", "/v2"));
    }

    /** Option 1: an ALB in VPC A, on the HTTP API. */
    String option1() {
        return aws.service(cluster, "h1", aws.albWithTargetGroup(vpcA, "h1-alb")[1], vpcA,
                Map.of("apigw:path", "/h1", "apigw:api", httpApi, "apigw:stage", "$default"));
    }

    /** Option 1b: Cloud Map in VPC A, on the HTTP API. */
    String option1b() {
        return aws.cloudMapEcsService(cluster, "h1b", aws.cloudMapService(vpcA, "h1b"), vpcA,
                Map.of("apigw:path", "/h1b", "apigw:api", httpApi, "apigw:stage", "$default"));
    }
}
