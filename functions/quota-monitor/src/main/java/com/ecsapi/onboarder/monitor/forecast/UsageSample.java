package com.ecsapi.onboarder.monitor.forecast;

import java.time.Instant;

/** One point of a quota's usage history. */
public record UsageSample(Instant at, double usage) {
}
