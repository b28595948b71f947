package chat.common.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * {@code chat.ready}: 1 while the service's readiness group (the probe orchestrators ask) is up,
 * 0 otherwise, so that alerts and dashboards see what the probe sees without asking it.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnClass({HealthEndpoint.class, MeterRegistry.class})
@ConditionalOnBean(HealthEndpoint.class)
public class ReadinessMetricAutoConfiguration {

    static final String READINESS_GROUP = "readiness";

    @Bean
    MeterBinder readinessGauge(HealthEndpoint health) {
        return registry -> Gauge.builder("chat.ready", health, ReadinessMetricAutoConfiguration::ready)
                .description("1 while the readiness health group is UP, 0 otherwise")
                .register(registry);
    }

    static double ready(HealthEndpoint health) {
        HealthDescriptor readiness = health.healthForPath(READINESS_GROUP);
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
