package com.ecsapi.onboarder.local.invoker.crac;

/** An {@code afterRestore} hook failed: Lambda would fail the restore. */
public class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public RestoreException(Throwable cause) {
        super(cause);
    }
}
