package chat.common.web;

import java.net.ConnectException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.autoconfigure.error.AbstractErrorWebExceptionHandler;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import reactor.core.publisher.Mono;
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
     * Renders every error as {@code application/problem+json}, whatever the client accepts: Boot's
     * own handler answers {@code application/json}, and an HTML page to a browser.
     */
    @Bean
    @Order(-1)
    ErrorWebExceptionHandler errorWebExceptionHandler(
            ErrorAttributes errorAttributes,
            ObjectProvider<WebProperties> webProperties,
            ObjectProvider<ViewResolver> viewResolvers,
            ServerCodecConfigurer codecs,
            ApplicationContext context) {
        ProblemErrorWebExceptionHandler handler = new ProblemErrorWebExceptionHandler(
                errorAttributes,
                webProperties.getIfAvailable(WebProperties::new).getResources(),
                context);
        handler.setViewResolvers(viewResolvers.orderedStream().toList());
        handler.setMessageWriters(codecs.getWriters());
        handler.setMessageReaders(codecs.getReaders());
        return handler;
    }

    static final class ProblemErrorWebExceptionHandler extends AbstractErrorWebExceptionHandler {

        ProblemErrorWebExceptionHandler(
                ErrorAttributes errorAttributes, WebProperties.Resources resources, ApplicationContext context) {
            super(errorAttributes, resources, context);
        }

        @Override
        protected RouterFunction<ServerResponse> getRoutingFunction(ErrorAttributes errorAttributes) {
            return RouterFunctions.route(RequestPredicates.all(), this::render);
        }

        private Mono<ServerResponse> render(ServerRequest request) {
            Map<String, Object> body = getErrorAttributes(
                    request, ErrorAttributeOptions.defaults().including(ErrorAttributeOptions.Include.MESSAGE));
            int status = body.get("status") instanceof Integer s ? s : 500;
            return ServerResponse.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(body);
        }
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
