package chat.common.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Every servlet service sheds requests past {@code chat.web.max-requests} in progress (see
 * {@link RequestLimit}), in a filter ahead of security and everything else, so that a shed request
 * costs next to nothing.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestLimitAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestLimit> requestLimit(
            @Value("${chat.web.max-requests:200}") int limit,
            @Value("${chat.web.max-requests-wait:100ms}") Duration wait) {
        FilterRegistrationBean<RequestLimit> registration = new FilterRegistrationBean<>(new RequestLimit(limit, wait));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
