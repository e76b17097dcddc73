package dev.sessionbroker.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A request answered without its body being read — refused with 401, 403, 404, 413 or 415,
 * or simply not needing it — is closed once the answer is out, without reading the rest.
 * Tomcat would otherwise swallow the remainder to keep the connection, holding the request
 * thread for as long as the caller takes to send it (a caller sending one byte a second
 * held it indefinitely). This is what Tomcat itself does for a 413 when a context does not
 * swallow aborted uploads ({@code Request.checkSwallowInput}), for every unread body.
 * <p>
 * Requests still in asynchronous processing end later, outside this valve; for those
 * {@code server.tomcat.max-swallow-size: 0} bounds the drain to one read before closing.
 */
final class UnreadBodyValve extends ValveBase {

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.isAsync() || !request.getProtocol().startsWith("HTTP/1") || request.getCoyoteRequest().isFinished()) {
            return;
        }
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }
}
