package com.ecsapi.onboarder.local.invoker.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The local runner's stand-in for the CRaC runtime that Lambda's Java runtime offers SnapStart functions. A
 * function registers its hooks through the {@code org.crac} library, which delegates to the implementation named by
 * the system property {@value #COMPAT_PROPERTY} (this package; the JDKs here have no CRaC). {@link
 * #checkpointRestore()} then runs them as Lambda does when it publishes a version and restores it: every
 * {@code beforeCheckpoint}, in reverse order of registration, then every {@code afterRestore}, in order. Nothing is
 * snapshotted: the same JVM goes on to handle the events.
 */
public final class Core {

    /** The system property {@code org.crac.Core} reads to find its implementation (a package name). */
    public static final String COMPAT_PROPERTY = "org.crac.Core.Compat";

    private static final GlobalContext GLOBAL = new GlobalContext();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** Runs the hooks; the number of resources they ran for. */
    public static int checkpointRestore() throws CheckpointException, RestoreException {
        try {
            GLOBAL.beforeCheckpoint(null);
        } catch (Exception e) {
            throw new CheckpointException(e);
        }
        try {
            GLOBAL.afterRestore(null);
        } catch (Exception e) {
            throw new RestoreException(e);
        }
        return GLOBAL.size();
    }

    private static final class GlobalContext extends Context<Resource> {

        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            for (Resource resource : resources.reversed()) {
                resource.beforeCheckpoint(this);
            }
        }

        @Override
        public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
            for (Resource resource : resources) {
                resource.afterRestore(this);
            }
        }

        synchronized int size() {
            return resources.size();
        }
    }
}
