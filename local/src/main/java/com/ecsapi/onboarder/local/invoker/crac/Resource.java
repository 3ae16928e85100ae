package com.ecsapi.onboarder.local.invoker.crac;

/** A CRaC resource, as {@code org.crac} sees the runtime's: its hooks around a checkpoint. */
public interface Resource {

    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
