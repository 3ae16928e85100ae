package com.ecsapi.onboarder.local.invoker.crac;

/** A CRaC context: resources registered with it are notified when it is. */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {
    }

    public abstract void register(R resource);
}
