package com.ecsapi.onboarder.local.invoker.crac;

/** A {@code beforeCheckpoint} hook failed: Lambda would fail the version's publication. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointException(Throwable cause) {
        super(cause);
    }
}
