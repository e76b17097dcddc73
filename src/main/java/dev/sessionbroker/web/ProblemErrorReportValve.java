package dev.sessionbroker.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat rejects some requests before Spring sees them — an encoded slash or NUL in the
 * path, a malformed request line — and would answer with an HTML page. This valve answers
 * those with a minimal problem detail instead, so that callers get one error format.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // Nothing from the request is echoed: it was rejected as malformed.
        ProblemDetail problem = Problem.unnamed(HttpStatusCode.valueOf(status),
                "The request was rejected by the server before it reached the API.");
        String reason = problem.getTitle();
        String title = (reason != null) ? reason : "Error";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                // Written by hand: Tomcat calls this outside Spring, and no member needs escaping.
                writer.write("{\"type\":\"" + problem.getType() + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + problem.getDetail() + "\"}");
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The client went away or the response was committed meanwhile: nothing to do.
        }
    }
}
