/**
 * The shared session store ({@code broker.store: redis}): replicas share sessions,
 * cool-downs and single-flight through Redis, with Caffeine still in front of it.
 */
@NullMarked
package dev.sessionbroker.store;

import org.jspecify.annotations.NullMarked;
