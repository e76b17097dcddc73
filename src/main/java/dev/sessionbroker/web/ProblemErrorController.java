package dev.sessionbroker.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reached a controller — Tomcat refusing TRACE, a
 * {@code sendError} in a filter — are rendered through Boot's error page. Boot's own
 * controller answers those with its own JSON shape; this one answers with a problem detail,
 * so that every error of the broker has one format. Nothing from the request is echoed.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)
                ? HttpStatus.resolve(code) : null;
        // Asked for directly, the error page is just a path where nothing is.
        HttpStatus answered = (status != null) ? status : HttpStatus.NOT_FOUND;
        ProblemDetail problem = Problem.unnamed(answered, (status != null)
                ? "The request was refused before it reached the API." : "No resource here.");
        return ResponseEntity.status(answered).body(problem);
    }
}
