package com.ecsapi.onboarder.template.iam;

/** One action on one resource entry of one statement, named as the template writes it. */
public record Grant(String statement, String action, String resource) implements Comparable<Grant> {

    @Override
    public int compareTo(Grant other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return statement + ": " + action + " on " + resource;
    }
}
