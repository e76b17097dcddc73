package dev.sessionbroker.broker;

/**
 * Replaces the local {@link SessionSource} when a bean of this type exists, e.g. with one
 * shared across replicas ({@code broker.store: redis}). It gets the broker's own login
 * machinery, so that retries, cool-downs and logs stay the same whoever coordinates.
 */
@FunctionalInterface
public interface SessionSourceFactory {

    SessionSource create(LoginAttempts logins, CoolDowns coolDowns);
}
