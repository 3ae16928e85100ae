package com.ecsapi.onboarder.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrimingCallsTest {

    @Test
    void aPrimingCallIsMarshalledAndSignedWithItsOwnCredentialsAndNeverSent() {
        AtomicInteger credentialReads = new AtomicInteger();
        AwsCredentialsProvider functionCredentials = () -> {
            credentialReads.incrementAndGet();
            return AwsBasicCredentials.create("AKIDFUNCTION", "function-secret");
        };
        List<String> seen = new ArrayList<>();
        ExecutionInterceptor watcher = new ExecutionInterceptor() {
            @Override
            public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
                seen.add("beforeMarshalling");
            }

            @Override
            public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
                seen.add("marshalled " + context.httpRequest().method() + " " + context.httpRequest().host());
            }

            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                seen.add("signed " + context.httpRequest().firstMatchingHeader("Authorization").orElse("")
                        .contains("AKIDFUNCTION"));
            }
        };
        ServiceQuotasClient client = AwsClients.create(ServiceQuotasClient.builder().region(Region.EU_WEST_1)
                .credentialsProvider(functionCredentials)
                .endpointOverride(URI.create("http://127.0.0.1:9")), List.of(watcher));

        PrimingCalls calls = new PrimingCalls();
        calls.call(o -> client.getServiceQuota(r -> r.overrideConfiguration(o).serviceCode("ec2").quotaCode("L-1")));

        assertEquals(List.of("ServiceQuotas:GetServiceQuota"), calls.primed());
        assertEquals(Map.of(), calls.failed());
        assertEquals(List.of("beforeMarshalling", "marshalled POST 127.0.0.1"), seen,
                "marshalled, then stopped before any later interceptor saw it leave (a request counter sees none)");
        assertEquals(0, credentialReads.get(), "the function's credentials are neither resolved nor cached");
    }

    @Test
    void aCallThatFailsBeforeTheWireIsRecordedNotThrown() {
        ServiceQuotasClient client = AwsClients.create(ServiceQuotasClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9")));
        PrimingCalls calls = new PrimingCalls();

        calls.call(o -> {
            throw new IllegalArgumentException("refused by the marshaller");
        });
        calls.call(o -> client.getServiceQuota(r -> r.overrideConfiguration(o).serviceCode("ec2").quotaCode("L-1")));

        assertEquals(1, calls.primed().size());
        assertTrue(calls.failed().get("call 1").contains("refused by the marshaller"), calls.failed().toString());
    }
}
