package com.ecsapi.onboarder.local.template;

/** The template (or a function in it) cannot be used to run a function locally; the message says why. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
