package dev.sessionbroker.client;

import java.io.IOException;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Puts one vendor's session on each call of a {@code RestClient}, where the broker says the
 * vendor wants it, and when the vendor rejects it (a status of {@code rejectedStatuses}, 401 by
 * default) asks the broker for a new session naming the rejected one and sends the call once
 * more. A second rejection is the caller's answer: the call is not repeated again.
 *
 * <p>The replay sends the bytes of the first attempt: {@code RestClient} hands interceptors
 * the body already buffered (Spring's intercepting request reads it whole as soon as one
 * interceptor is registered), so a streamed body never reaches this class half-read. A body
 * that cannot take the session (placement {@code body} and a body that is not a JSON object)
 * is refused before anything is sent.
 *
 * <pre>{@code
 * RestClient appviewx = RestClient.builder()
 *     .baseUrl("https://avx.example.com:31443/avxapi")
 *     .requestInterceptor(brokerClient.interceptor("appviewx"))
 *     .build();
 * }</pre>
 */
public class SessionInterceptor implements ClientHttpRequestInterceptor {

    private final SessionBrokerClient broker;

    private final String vendor;

    private final Set<Integer> rejectedStatuses;

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param rejectedStatuses the vendor's answers meaning "this session is no longer valid":
     * 401, plus the vendor's own expired-session status where it has one
     */
    public SessionInterceptor(SessionBrokerClient broker, String vendor, Set<Integer> rejectedStatuses) {
        this.broker = broker;
        this.vendor = vendor;
        this.rejectedStatuses = Set.copyOf(rejectedStatuses);
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        BrokerSession session = this.broker.session(this.vendor);
        ClientHttpResponse response = send(session, request, body, execution);
        if (!this.rejectedStatuses.contains(response.getStatusCode().value())) {
            return response;
        }
        response.close();
        return send(this.broker.refresh(this.vendor, session.sessionId()), request, body, execution);
    }

    /** Each attempt places its session on the caller's request as it came, never on the previous attempt's. */
    private ClientHttpResponse send(BrokerSession session, HttpRequest request, byte[] body,
            ClientHttpRequestExecution execution) throws IOException {
        Placement placement = session.placement();
        if (placement == null) {
            throw new IllegalStateException("The broker did not say where " + this.vendor
                    + "'s session goes (a broker older than this client?)");
        }
        Placement.Placed placed = placement.place(request, body, session.sessionId(), this.json);
        return execution.execute(placed.request(), placed.body());
    }

    @Override
    public String toString() {
        return "SessionInterceptor[vendor=" + this.vendor + ", rejectedStatuses=" + this.rejectedStatuses + "]";
    }
}
