package chat.common.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.WebRequest;

/** The error body of spec B.4 for every error a servlet service produces. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ServletErrorHandling.class)
public class ServletErrorAutoConfiguration {

    /**
     * Sheds requests past {@code chat.web.max-requests} in progress (see {@link RequestLimit}),
     * before security and everything else: a shed request costs next to nothing.
     */
    @Bean
    FilterRegistrationBean<RequestLimit> requestLimit(
            @Value("${chat.web.max-requests:200}") int limit,
            @Value("${chat.web.max-requests-wait:100ms}") Duration wait) {
        FilterRegistrationBean<RequestLimit> registration = new FilterRegistrationBean<>(new RequestLimit(limit, wait));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                return ProblemErrorAttributes.reshape(
                        super.getErrorAttributes(request, options.including(ErrorAttributeOptions.Include.MESSAGE)));
            }
        };
    }
}
