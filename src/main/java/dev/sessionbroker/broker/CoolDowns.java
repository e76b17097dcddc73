package dev.sessionbroker.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.sessionbroker.adapter.LoginFailure;

/**
 * This replica's view of the vendors that rejected a login and must not be asked again
 * before a deadline: the ones it started and the ones it read from the store. Repeating a
 * login with a wrong password is how accounts get locked (AppViewX counts
 * {@code availableLoginAttemptCount} down), so one rejection buys a whole cool-down window.
 * A cool-down belongs to the credentials that were rejected (by their fingerprint): once
 * they are rotated it no longer applies.
 */
public final class CoolDowns {

    private final Map<String, CoolDown> active = new ConcurrentHashMap<>();

    private final Clock clock;

    public CoolDowns(Clock clock) {
        this.clock = clock;
    }

    void start(String vendor, String credentials, LoginFailure.Rejected rejection, Duration length) {
        Instant now = this.clock.instant();
        this.active.put(vendor, new CoolDown(credentials, now, now.plus(length), rejection));
    }

    /** Takes over a cool-down another replica started, so that this one fails fast too. */
    void adopt(String vendor, String credentials, LoginFailure.Rejected rejection, Instant rejectedAt, Instant until) {
        if (this.clock.instant().isBefore(until)) {
            this.active.put(vendor, new CoolDown(credentials, rejectedAt, until, rejection));
        }
    }

    /**
     * @param withOneTimePassword whether the login carries a one-time password: the one login
     * a refusal that asked for one does not hold back
     * @throws BrokerException.CoolingDown while a cool-down of these credentials lasts
     */
    void check(String vendor, String credentials, boolean withOneTimePassword) {
        CoolDown coolDown = current(vendor);
        if (coolDown != null && coolDown.credentials().equals(credentials)
                && !(withOneTimePassword && coolDown.rejection().awaitsOneTimePassword())) {
            throw new BrokerException.CoolingDown(vendor, coolDown.rejectedAt(), coolDown.until(),
                    Duration.between(this.clock.instant(), coolDown.until()), coolDown.rejection());
        }
    }

    /**
     * Ends a vendor's cool-down now: its credentials were rotated, so the rejection they
     * earned says nothing about the new ones.
     * @return whether one was under way
     */
    public boolean lift(String vendor) {
        return this.active.remove(vendor) != null;
    }

    public @Nullable Instant until(String vendor) {
        CoolDown coolDown = current(vendor);
        return (coolDown != null) ? coolDown.until() : null;
    }

    private @Nullable CoolDown current(String vendor) {
        CoolDown coolDown = this.active.get(vendor);
        if (coolDown == null) {
            return null;
        }
        if (!this.clock.instant().isBefore(coolDown.until())) {
            this.active.remove(vendor, coolDown);
            return null;
        }
        return coolDown;
    }

    private record CoolDown(String credentials, Instant rejectedAt, Instant until, LoginFailure.Rejected rejection) {
    }
}
