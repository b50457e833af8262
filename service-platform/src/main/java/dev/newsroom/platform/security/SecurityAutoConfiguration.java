package dev.newsroom.platform.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is its own OAuth2 resource server: it verifies the RS256 tokens user-service signs
 * (against the published JWK set, or the key itself in user-service), accepts {@code Token} and
 * {@code Bearer}, turns the {@code roles} claim into {@code ROLE_*} authorities, and answers failures
 * in the RealWorld shape. Which paths need a token is each service's {@link AccessRules}.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(SecurityObservationsOff.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain newsroomSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            ObjectProvider<AccessRules> rules,
            ObjectProvider<CorsConfigurationSource> cors,
            JsonMapper json) {
        TokenErrors errors = new TokenErrors(json);
        List<AccessRules> serviceRules = rules.orderedStream().toList();
        // Browsers talk to the gateway, which declares its CORS rules; preflights are answered before
        // any token is asked for. Services behind it declare none and answer no preflight.
        cors.ifAvailable(source -> http.cors(spec -> spec.configurationSource(source)));
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .oauth2ResourceServer(server -> server.bearerTokenConverter(new TokenAuthenticationConverter())
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(rolesConverter())))
                .authorizeExchange(exchanges -> {
                    serviceRules.forEach(rule -> rule.configure(exchanges));
                    exchanges.anyExchange().permitAll();
                })
                .build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(NewsroomClaims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
