package dev.sessionbroker.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;


/**
 * Refuses session API requests whose declared body is larger than a refresh body can be
 * (413). Thrown from an interceptor so that the answer is a problem detail like every other.
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimit implements WebMvcConfigurer, HandlerInterceptor {

    static final long LIMIT = 16 * 1024;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/sessions", "/sessions/**");
    }

    static ProblemException tooLarge(String detail) {
        return Problem.PAYLOAD_TOO_LARGE.exception(null, detail);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        long length = request.getContentLengthLong();
        if (length > LIMIT) {
            throw tooLarge("request body of " + length + " bytes exceeds the limit of " + LIMIT + " bytes");
        }
        return true;
    }
}
