package com.ecsapi.onboarder.onboarding.operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operator tools' command line (see {@link OperatorTool#USAGE}). */
record Arguments(String command, String cluster, String service, String pathOrNull, List<String> apis,
                 String stageOrNull, List<String> clusters, boolean json, Path logFileOrNull, String logGroupOrNull,
                 String stack, int sinceHours) {

    static Arguments parse(List<String> args) {
        if (args.isEmpty() || !List.of("explain", "inventory").contains(args.get(0))) {
            throw new IllegalArgumentException("Name a tool: explain or inventory");
        }
        String command = args.get(0);
        List<String> positional = new ArrayList<>();
        List<String> apis = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        String path = null;
        String stage = null;
        boolean json = false;
        Path logFile = null;
        String logGroup = null;
        String stack = "ecs-api-onboarder";
        int sinceHours = 72;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> json = true;
                case "--path" -> path = value(args, ++i, arg);
                case "--api" -> apis.add(value(args, ++i, arg));
                case "--stage" -> stage = value(args, ++i, arg);
                case "--cluster" -> clusters.add(value(args, ++i, arg));
                case "--log-file" -> logFile = Path.of(value(args, ++i, arg));
                case "--log-group" -> logGroup = value(args, ++i, arg);
                case "--stack" -> stack = value(args, ++i, arg);
                case "--since-hours" -> sinceHours = hours(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option " + arg);
                    }
                    positional.add(arg);
                }
            }
        }
        if (command.equals("inventory") && (!positional.isEmpty() || path != null)) {
            throw new IllegalArgumentException("inventory takes options only");
        }
        if (command.equals("explain") && !(positional.size() == 2 && path == null
                || positional.isEmpty() && path != null)) {
            throw new IllegalArgumentException("explain takes <cluster> <service>, or --path /path");
        }
        return new Arguments(command, positional.isEmpty() ? null : positional.get(0),
                positional.isEmpty() ? null : positional.get(1), path, apis, stage, clusters, json, logFile, logGroup,
                stack, sinceHours);
    }

    Optional<String> path() {
        return Optional.ofNullable(pathOrNull);
    }

    Optional<String> stage() {
        return Optional.ofNullable(stageOrNull);
    }

    Optional<Path> logFile() {
        return Optional.ofNullable(logFileOrNull);
    }

    Optional<String> logGroup() {
        return Optional.ofNullable(logGroupOrNull);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int hours(String value) {
        try {
            int hours = Integer.parseInt(value);
            if (hours > 0) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--since-hours needs a positive whole number, got " + value);
    }
}
