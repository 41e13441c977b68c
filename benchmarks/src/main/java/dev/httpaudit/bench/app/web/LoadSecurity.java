package dev.httpaudit.bench.app.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security as a JSON API would set it up: the whole filter chain runs on every request,
 * {@code /api/admin/**} needs HTTP basic auth, the rest is open, no CSRF tokens and no
 * sessions. wrk's {@code Authorization: Bearer} header is not a basic one, so it authenticates
 * nobody and is only there to be masked. The same source serves Boot 4 (Security 7) and Boot
 * 3.5 (Security 6.5).
 */
@Configuration(proxyBeanMethods = false)
public class LoadSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        // no sessions and no CSRF tokens: a JSON API called by machines
        return http
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(Customizer.withDefaults())
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/admin/**").authenticated()
                        .anyRequest().permitAll())
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("admin").password("{noop}admin-password")
                .authorities("admin").build());
    }
}
