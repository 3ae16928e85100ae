package com.ecsapi.onboarder.monitor.alarms;

import com.ecsapi.onboarder.hash.Sha256;

import java.util.regex.Pattern;

/**
 * Alarm names: {@code <prefix>-<quota id>-<resource>}, e.g. {@code my-stack-listeners-per-nlb-shared-nlb-1}.
 *
 * <p>Made safe for CloudWatch: every character outside {@code [A-Za-z0-9._-]} becomes {@code _} (NLB names, API ids
 * and quota ids never have one), and a name longer than {@value #MAX_LENGTH} characters is cut to
 * {@value #MAX_LENGTH} with its end replaced by {@code -} and the first 8 hex digits of the SHA-256 of the full name,
 * so it stays deterministic and distinct.
 */
public final class AlarmNames {

    public static final int MAX_LENGTH = 255;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int HASH_LENGTH = 8;

    private AlarmNames() {
    }

    public static String name(String prefix, String quotaId, String resource) {
        String full = safe(prefix) + "-" + quotaId + "-" + safe(resource);
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        return full.substring(0, MAX_LENGTH - HASH_LENGTH - 1) + "-" + Sha256.hex(full).substring(0, HASH_LENGTH);
    }

    /** The start of every alarm name the monitor writes for {@code quotaId}. */
    public static String quotaPrefix(String prefix, String quotaId) {
        return safe(prefix) + "-" + quotaId + "-";
    }

    /** The start of every alarm name the monitor writes: what it lists with {@code AlarmNamePrefix}. */
    public static String prefix(String prefix) {
        return safe(prefix) + "-";
    }

    private static String safe(String text) {
        return UNSAFE.matcher(text).replaceAll("_");
    }
}
