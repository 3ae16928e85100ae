package com.ecsapi.onboarder.monitor.growth;

import java.util.List;

/**
 * A pool member NLB as the run read it.
 *
 * @param state     {@code DescribeLoadBalancers} {@code State.Code}: {@code provisioning}, {@code active}, ...
 * @param grown     it carries the pool-growth mark ({@link com.ecsapi.onboarder.pool.PoolTag#CREATED_BY}): the
 *                  monitor created it
 * @param cordoned  tagged {@code apigw:cordon=true}: it takes no new service, so it is no room
 * @param listeners its listener count this run; null when it was not read
 */
public record PoolNlb(String arn, String name, String pool, String vpcId, String state, List<String> subnetIds,
                      List<String> securityGroupIds, boolean grown, boolean cordoned,
                      Integer listeners) {

    public static final String PROVISIONING = "provisioning";
    public static final String ACTIVE = "active";

    public PoolNlb {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
