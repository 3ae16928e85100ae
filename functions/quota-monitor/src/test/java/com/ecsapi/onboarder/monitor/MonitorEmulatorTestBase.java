package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.util.Map;

/** One emulator per test class, reset before each test, with a builder of the monitored resources and CloudWatch read-back. */
@Tag("emulator")
abstract class MonitorEmulatorTestBase {

    static final String PREFIX = "test-stack";

    static MotoServer moto;
    MonitoredResources monitored;
    CloudWatchReadback readback;

    @BeforeAll
    static void startEmulator() {
        moto = MotoServer.start();
        moto.useForThisJvm();
    }

    @AfterAll
    static void stopEmulator() {
        moto.close();
    }

    @BeforeEach
    void resetEmulator() {
        moto.reset();
        monitored = new MonitoredResources();
        readback = new CloudWatchReadback();
    }

    @AfterEach
    void closeClients() {
        monitored.close();
        readback.close();
    }

    /** The alarms named with {@link #PREFIX}, by name. */
    Map<String, MetricAlarm> alarms() {
        return readback.alarms(PREFIX);
    }
}
