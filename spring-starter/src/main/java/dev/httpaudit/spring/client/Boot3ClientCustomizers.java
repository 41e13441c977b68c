package dev.httpaudit.spring.client;

import dev.httpaudit.client.AuditingClientHttpRequestInterceptor;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Spring Boot 3.5's customizers of the {@code RestClient.Builder} and {@code RestTemplateBuilder}
 * it provides, for a starter compiled against Boot 4, where those interfaces
 * ({@code org.springframework.boot.web.client}) do not exist: each is a bean of the Boot
 * 3.5 interface, registered with that type (so Boot finds it by type), whose one method
 * {@code customize} receives a Spring Framework type and adds the interceptor or filter.
 * Used only where Boot 3.5's {@code RestClientCustomizer} is on the classpath.
 */
final class Boot3ClientCustomizers implements ImportBeanDefinitionRegistrar, BeanFactoryAware, BeanClassLoaderAware {

    private @Nullable BeanFactory beanFactory;
    private @Nullable ClassLoader classLoader;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        register(registry, "httpAuditRestClientCustomizer", "org.springframework.boot.web.client.RestClientCustomizer",
                AuditingClientHttpRequestInterceptor.class,
                (builder, interceptor) -> ((RestClient.Builder) builder).requestInterceptor(interceptor));
        register(registry, "httpAuditRestTemplateCustomizer",
                "org.springframework.boot.web.client.RestTemplateCustomizer", AuditingClientHttpRequestInterceptor.class,
                (template, interceptor) -> ((RestTemplate) template).getInterceptors().add(interceptor));
        // WebClient: Boot 3.5's WebClientCustomizer is not registered (no test runs WebFlux on Boot 3.5);
        // the AuditingExchangeFilterFunction bean is there to add by hand
    }

    /** Registers a bean of the customizer interface {@code typeName} (when present) applying {@code customize}. */
    private <D> void register(BeanDefinitionRegistry registry, String beanName, String typeName, Class<D> dependency,
                              BiConsumer<Object, D> customize) {
        if (!ClassUtils.isPresent(typeName, classLoader) || registry.containsBeanDefinition(beanName)) {
            return;
        }
        Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
        BeanFactory factory = Objects.requireNonNull(beanFactory, "beanFactory");
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setInstanceSupplier(() -> customizer(type, factory.getBean(dependency), customize));
        registry.registerBeanDefinition(beanName, definition);
    }

    private <D> Object customizer(Class<?> type, D dependency, BiConsumer<Object, D> customize) {
        return Proxy.newProxyInstance(classLoader, new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "http-audit " + type.getSimpleName();
                case "customize":
                    customize.accept(args[0], dependency);
                    return null;
                default:
                    // a default method of a later Boot 3.x interface: none exists in 3.5
                    throw new UnsupportedOperationException(method.toString());
            }
        });
    }
}
