package dev.sessionbroker.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.x509.SubjectX500PrincipalExtractor;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.config.BrokerProperties;

/**
 * The one security filter chain. Sessions and proxy calls are per vendor ({@link VendorAccess});
 * the probes and the bare health status are open; every other actuator endpoint is for admin
 * clients (health details too, through {@code show-details: when-authorized}, role ADMIN).
 * Without clients every caller is the anonymous all-vendor admin, as before this chain
 * existed — and only on loopback unless allowed explicitly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

    @Bean
    AuthFailureThrottle authFailureThrottle(Ticker ticker) {
        return new AuthFailureThrottle(ticker);
    }

    /** Whose X-Forwarded-For is believed: nobody's unless configured. */
    @Bean
    TrustedProxies trustedProxies(BrokerProperties properties, Environment environment) {
        return TrustedProxies.from(properties, environment);
    }

    /**
     * Boot's publisher, but one that publishes every refusal: also those without credentials
     * ({@link SecurityProblems#commence}), whose exceptions Spring Security maps to no event
     * of its own. The audit listens for the events.
     */
    @Bean
    DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    @Bean
    AuthMetrics authMetrics(MeterRegistry registry, Vendors vendors, ClientDirectory clients) {
        return new AuthMetrics(registry, vendors, clients.names());
    }

    /** Also the firewall's {@code RequestRejectedHandler}, picked up by Spring Security as a bean. */
    @Bean
    SecurityProblems securityProblems(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver,
            AuthenticationEventPublisher authenticationEvents) {
        return new SecurityProblems(resolver, authenticationEvents);
    }

    @Bean
    SecurityFilterChain brokerSecurity(HttpSecurity http, ClientDirectory clients, BrokerProperties properties,
            Environment environment, AuthFailureThrottle throttle, SecurityProblems problems,
            AuthenticationEventPublisher authenticationEvents, WebEndpointProperties endpoints,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        // No HTTP session, ever: the context lives in a request attribute, which also carries
        // it to the asynchronous dispatch of a session answer.
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http.securityContext((context) -> context.securityContextRepository(contexts))
            // Neither sessions to manage nor anonymous callers: a request without credentials
            // has no authentication at all and is answered 401 like an anonymous one would be.
            .sessionManagement((sessions) -> sessions.disable())
            .anonymous((anonymous) -> anonymous.disable())
            // Callers send their credentials explicitly on each request; no cookie a browser
            // could replay cross-site exists, so there is nothing for CSRF tokens to protect.
            .csrf((csrf) -> csrf.disable())
            // Proxied answers must reach the caller as the vendor sent them, and session
            // answers set Cache-Control: no-store themselves.
            .headers((headers) -> headers.disable())
            .requestCache((cache) -> cache.disable())
            .logout((logout) -> logout.disable())
            .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .authorizeHttpRequests((requests) -> requests
                // The REQUEST dispatch was authorized; the answer's own dispatches need not be.
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                // Every caller's hot path first: none of the rules it now precedes can match it.
                .requestMatchers(HttpMethod.GET, "/sessions/{vendor}").access(VendorAccess.use(AuditAction.SESSION_HANDOUT))
                // The demo profile's vendor emulators: the broker logs in to them itself, with
                // no client token. Without the demo profile nothing answers there (404).
                .requestMatchers("/emulator/**").permitAll()
                .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                .requestMatchers(actuator(endpoints)).hasRole(BrokerClient.ADMIN_ROLE)
                // The OpenAPI document (springdoc): every client, whose team generates its client
                // from it; it names no vendor, client or secret.
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").authenticated()
                .requestMatchers(HttpMethod.GET, "/sessions").authenticated()
                .requestMatchers(HttpMethod.POST, "/sessions/{vendor}/refresh")
                .access(VendorAccess.manage(AuditAction.SESSION_REFRESH))
                .requestMatchers(HttpMethod.DELETE, "/sessions/{vendor}").access(VendorAccess.manage(AuditAction.SESSION_DELETE))
                // HEAD is answered by the hand-out's handler; any other method there is refused by Spring MVC.
                .requestMatchers("/sessions/{vendor}").access(VendorAccess.use(AuditAction.SESSION_HANDOUT))
                .requestMatchers("/proxy/{vendor}", "/proxy/{vendor}/**").access(VendorAccess.use(AuditAction.PROXY_CALL))
                .anyRequest().authenticated());
        if (clients.isEmpty()) {
            AnonymousAccess.check(environment, properties);
            http.addFilterBefore(new AnonymousClientFilter(contexts), AnonymousAuthenticationFilter.class);
        }
        else {
            http.addFilterBefore(new BearerTokenFilter(clients, jwtCallers(environment, jwtDecoder, clients), throttle,
                    problems, contexts, authenticationEvents), AnonymousAuthenticationFilter.class);
            if (isClientAuthOn(environment)) {
                http.x509((x509) -> x509.x509PrincipalExtractor(new SubjectX500PrincipalExtractor())
                    .userDetailsService(clients));
            }
        }
        return http.build();
    }

    /**
     * Every exposed endpoint, and anything else under the actuator's base path: an endpoint
     * that is not exposed is refused to a non-admin exactly as an exposed one is (403), so that
     * the answer does not tell which endpoints exist. Admins get the 404.
     */
    private static RequestMatcher actuator(WebEndpointProperties endpoints) {
        String base = endpoints.getBasePath();
        if (base.isEmpty() || base.equals("/")) {
            return EndpointRequest.toAnyEndpoint();
        }
        return new OrRequestMatcher(EndpointRequest.toAnyEndpoint(),
                PathPatternRequestMatcher.withDefaults().matcher(base + "/**"));
    }

    /**
     * JWT callers only with a JWK set or issuer configured: Boot then builds the decoder. A
     * decoder Boot builds from other keys (public-key-location) is not used for callers.
     */
    private static @Nullable JwtCallers jwtCallers(Environment environment, ObjectProvider<JwtDecoder> decoder,
            ClientDirectory clients) {
        if (!ClientDirectory.Proofs.of(environment).jwt()) {
            return null;
        }
        return new JwtCallers(decoder.getObject(), clients);
    }

    private static boolean isClientAuthOn(Environment environment) {
        String clientAuth = environment.getProperty("server.ssl.client-auth", "none");
        return "need".equalsIgnoreCase(clientAuth) || "want".equalsIgnoreCase(clientAuth);
    }
}
