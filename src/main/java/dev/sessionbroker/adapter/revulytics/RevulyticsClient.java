package dev.sessionbroker.adapter.revulytics;

import java.net.HttpCookie;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorHttp;
import tools.jackson.databind.JsonNode;

/**
 * Revulytics (Usage Intelligence): {@code POST {base}/auth/login} with
 * {@code {"user","password","useCookies"}} (src/test/resources/vendor-docs/revulytics/). Success is
 * {@code status == "OK"}; {@code SYNTAX ERROR} (400) and {@code AUTH ERROR} (403) come with
 * a {@code reason}. With {@code use-cookies} the session arrives as a cookie instead, and is
 * handed out as {@code name=value}, ready for a {@code Cookie} header.
 */
public final class RevulyticsClient implements VendorClient {

    private static final String OK = "OK";

    private final VendorSettings vendor;

    private final VendorHttp http;

    public RevulyticsClient(VendorSettings vendor, VendorHttp http) {
        this.vendor = vendor;
        this.http = http;
    }

    @Override
    public LoginResult login() {
        boolean useCookies = this.vendor.options(RevulyticsOptions.class).useCookies();
        VendorAnswer answer = this.http.send(this.http.restClient()
            .post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .body(new LoginRequest(this.vendor.username(), this.vendor.password().reveal(), useCookies)));
        JsonNode json = this.http.json(answer);
        String status = json.path("status").asString("");
        if (status.isEmpty()) {
            throw this.http.unusable("answer has no status (" + answer.describe() + ")");
        }
        if (!OK.equals(status)) {
            throw new LoginFailure.Rejected(this.vendor.name(), status,
                    this.http.vendorText(json.path("reason").asString(null)));
        }
        String session = useCookies ? sessionCookie(answer) : json.path("sessionId").asString("");
        if (session == null || session.isBlank()) {
            throw this.http.unusable("answer has status OK but no " + (useCookies ? "session cookie" : "sessionId")
                    + " (" + answer.describe() + ")");
        }
        return new LoginResult(session);
    }

    /**
     * {@code POST {base}/auth/logout} with {@code {"user","sessionId"}}, or with the session
     * cookie and no body when logged in with cookies; see docs/vendors.md.
     */
    @Override
    public void logout(String sessionId) {
        var request = this.http.restClient().post().uri("/auth/logout").accept(MediaType.APPLICATION_JSON);
        VendorAnswer answer = this.http.send(this.vendor.options(RevulyticsOptions.class).useCookies()
                ? request.header(HttpHeaders.COOKIE, sessionId)
                : request.contentType(MediaType.APPLICATION_JSON).body(new LogoutRequest(this.vendor.username(), sessionId)));
        String status = this.http.json(answer).path("status").asString("");
        if (!OK.equals(status)) {
            throw this.http.unusable("logout answered status " + (status.isEmpty() ? answer.describe() : status));
        }
    }

    /**
     * The docs do not name the cookie: one called {@code sessionId} wins, otherwise the answer
     * must set exactly one.
     */
    private @Nullable String sessionCookie(VendorAnswer answer) {
        List<HttpCookie> cookies = answer.headers().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
            .flatMap((header) -> parse(header).stream())
            .filter((cookie) -> !cookie.getValue().isEmpty())
            .toList();
        HttpCookie chosen = cookies.stream().filter((cookie) -> cookie.getName().equalsIgnoreCase("sessionId"))
            .findFirst()
            .orElse((cookies.size() == 1) ? cookies.get(0) : null);
        return (chosen != null) ? chosen.getName() + "=" + chosen.getValue() : null;
    }

    private static List<HttpCookie> parse(String header) {
        try {
            return HttpCookie.parse(header);
        }
        catch (IllegalArgumentException ex) {
            return List.of();
        }
    }

    /** The documented request body; {@code toString()} masks the password. */
    record LoginRequest(String user, String password, boolean useCookies) {

        @Override
        public String toString() {
            return "LoginRequest[user=" + this.user + ", password=******, useCookies=" + this.useCookies + "]";
        }
    }

    record LogoutRequest(String user, String sessionId) {

        @Override
        public String toString() {
            return "LogoutRequest[user=" + this.user + "]";
        }
    }
}
