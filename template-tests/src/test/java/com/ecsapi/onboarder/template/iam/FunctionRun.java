package com.ecsapi.onboarder.template.iam;

import java.util.Map;

/** A handler run in an emulator test: the template function it stood for, its environment and stack parameters. */
public record FunctionRun(String session, String function, Map<String, String> environment,
                          Map<String, String> parameters) {

    public FunctionRun {
        environment = Map.copyOf(environment);
        parameters = Map.copyOf(parameters);
    }
}
