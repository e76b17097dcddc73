package dev.sessionbroker.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With no clients configured (loopback, or anonymous access allowed explicitly), every
 * caller is {@link BrokerClient#ANONYMOUS}: every vendor and the admin role, so the broker
 * behaves as it does without Spring Security, health details included.
 */
final class AnonymousClientFilter extends OncePerRequestFilter {

    private final SecurityContextRepository contexts;

    AnonymousClientFilter(SecurityContextRepository contexts) {
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ClientAuthentication(BrokerClient.ANONYMOUS));
        SecurityContextHolder.setContext(context);
        this.contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
