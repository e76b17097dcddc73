package dev.sessionbroker.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Answers the callers who wait for a login from the thread that completes it. Handing Spring
 * MVC the future would cost each of them an async dispatch: a second pass through every
 * filter and the DispatcherServlet only to write ~160 bytes, which for a herd of 1000
 * callers was most of the time after the login (bench/RESULTS.md, section 3). The answer is
 * still written by Spring MVC's own return value handlers (same converters, content
 * negotiation and body advice as a cached answer) and a failure by its exception resolvers
 * (same problem details), so callers cannot tell which path answered them.
 */
@Component
class WaitingCallers {

    private static final Logger log = LoggerFactory.getLogger(WaitingCallers.class);

    /** What the handlers see as the "controller method": one that returns a ResponseEntity. */
    private static final MethodParameter RETURN_TYPE = returnTypeOf("ok");

    private final Supplier<HandlerMethodReturnValueHandlerComposite> handlers;

    private final Supplier<HandlerExceptionResolver> resolver;

    /** {@code spring.mvc.async.request-timeout} in milliseconds, or -1 when not set. */
    private final SingletonSupplier<Long> timeoutMillis;

    /**
     * Spring MVC's parts are looked up once, on first use: a context without a web server has
     * none, and the adapter builds its handlers only after this bean exists.
     */
    WaitingCallers(ObjectProvider<RequestMappingHandlerAdapter> adapter,
            @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver,
            ObjectProvider<WebMvcProperties> mvc) {
        this.handlers = SingletonSupplier.of(() -> new HandlerMethodReturnValueHandlerComposite()
            .addHandlers(adapter.getObject().getReturnValueHandlers()));
        this.resolver = SingletonSupplier.of(resolver::getObject);
        this.timeoutMillis = SingletonSupplier.of(() -> {
            Duration timeout = mvc.getObject().getAsync().getRequestTimeout();
            return (timeout != null) ? timeout.toMillis() : -1L;
        });
    }

    /**
     * Puts the request in asynchronous mode and answers it when {@code answer} completes, or
     * with a 503 problem after {@code spring.mvc.async.request-timeout}, whichever is first.
     * The caller's handler method must declare the response, so that Spring MVC treats the
     * request as handled.
     */
    void answerWhenDone(HttpServletRequest request, HttpServletResponse response,
            CompletableFuture<? extends ResponseEntity<?>> answer) {
        AsyncContext context = request.startAsync(request, response);
        long timeout = this.timeoutMillis.obtain();
        if (timeout >= 0) {
            context.setTimeout(timeout);
        }
        AtomicBoolean answered = new AtomicBoolean();
        context.addListener(new GiveUp(answered));
        answer.whenComplete((entity, failure) -> {
            if (answered.compareAndSet(false, true)) {
                write(context, entity, failure);
            }
        });
    }

    private void write(AsyncContext context, @Nullable ResponseEntity<?> entity, @Nullable Throwable failure) {
        HttpServletRequest request = (HttpServletRequest) context.getRequest();
        HttpServletResponse response = (HttpServletResponse) context.getResponse();
        try {
            if (failure != null) {
                problem(request, response, failure);
            }
            else {
                this.handlers.get().handleReturnValue(entity, RETURN_TYPE, new ModelAndViewContainer(),
                        new ServletWebRequest(request, response));
            }
        }
        catch (Exception ex) {
            // Most likely the caller hung up while it waited; nobody is left to tell.
            log.debug("Could not answer a waiting caller: {}", ex.toString());
        }
        finally {
            context.complete();
        }
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, Throwable failure) {
        Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
                : failure;
        Exception exception = (cause instanceof Exception ex) ? ex : new IllegalStateException(cause);
        // As the DispatcherServlet does: the handler's produces (JSON, text) are for success only.
        request.removeAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
        if (this.resolver.get().resolveException(request, response, null, exception) == null) {
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }

    private static MethodParameter returnTypeOf(String methodName) {
        try {
            return new MethodParameter(WaitingCallers.class.getDeclaredMethod(methodName), -1);
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Only its signature is used: the return type the handlers are chosen for. */
    @SuppressWarnings("unused")
    private static @Nullable ResponseEntity<?> ok() {
        return null;
    }

    /** The login outlived the request timeout, or the connection failed, before an answer. */
    private final class GiveUp implements AsyncListener {

        private final AtomicBoolean answered;

        GiveUp(AtomicBoolean answered) {
            this.answered = answered;
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (this.answered.compareAndSet(false, true)) {
                write(event.getAsyncContext(), null, new AsyncRequestTimeoutException());
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (this.answered.compareAndSet(false, true)) {
                event.getAsyncContext().complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
