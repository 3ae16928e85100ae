package com.ecsapi.onboarder.monitor;

import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

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

    /** What a run answered, and what it printed to standard output (its log lines and EMF metrics). */
    record Printed<T>(T result, String output) {
    }

    static <T> Printed<T> printed(Supplier<T> run) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            T result = run.get();
            return new Printed<>(result, stdout.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** The alarms named with {@link #PREFIX}, by name. */
    Map<String, MetricAlarm> alarms() {
        return readback.alarms(PREFIX);
    }
}
