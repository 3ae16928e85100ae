package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.util.Map;

/** One emulator per test class, reset before each test, with a landscape builder and CloudWatch read-back. */
@Tag("emulator")
abstract class MonitorEmulatorTestBase {

    static final String PREFIX = "test-stack";

    static MotoServer moto;
    Landscape landscape;
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
        landscape = new Landscape();
        readback = new CloudWatchReadback();
    }

    @AfterEach
    void closeClients() {
        landscape.close();
        readback.close();
    }

    /** The alarms named with {@link #PREFIX}, by name. */
    Map<String, MetricAlarm> alarms() {
        return readback.alarms(PREFIX);
    }
}
