package chat.common.web;

import java.net.ConnectException;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.netty.http.client.PrematureCloseException;

/** The error body of spec B.4 for every error the reactive gateway produces itself. */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveErrorAutoConfiguration {

    static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The service took the request and broke the connection off before answering (it was killed
     * or crashed): 502, since the gateway cannot tell whether the request took effect.
     */
    static boolean brokeOff(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PrematureCloseException) {
                return true;
            }
        }
        return false;
    }

    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes =
                        super.getErrorAttributes(request, options.including(ErrorAttributeOptions.Include.MESSAGE));
                if (unreachable(getError(request))) {
                    // a service that is down or restarting: the client may retry, nothing is broken
                    attributes.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
                } else if (brokeOff(getError(request))) {
                    attributes.put("status", HttpStatus.BAD_GATEWAY.value());
                }
                return ProblemErrorAttributes.reshape(attributes);
            }
        };
    }
}
