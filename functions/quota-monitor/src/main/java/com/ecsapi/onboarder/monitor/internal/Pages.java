package com.ecsapi.onboarder.monitor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads every page of a paginated AWS list call, waiting for the rate limiter before each page. Covers both
 * token styles the monitor meets (ELBv2 {@code Marker}, API Gateway {@code position} / {@code nextToken}): the
 * listing ends at a missing or empty token.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * @param fetch     one page for the token ({@code null} for the first page)
     * @param items     the page's items
     * @param nextToken the token of the next page
     */
    public static <R, T> List<T> all(RateLimiter limiter, Function<String, R> fetch, Function<R, List<T>> items,
                                     Function<R, String> nextToken) {
        List<T> all = new ArrayList<>();
        String token = null;
        do {
            limiter.acquire();
            R page = fetch.apply(token);
            all.addAll(items.apply(page));
            token = nextToken.apply(page);
        } while (token != null && !token.isEmpty());
        return all;
    }
}
