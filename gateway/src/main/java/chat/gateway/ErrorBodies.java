package chat.gateway;

import chat.common.web.ProblemWriter;
import chat.common.web.Problems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import reactor.netty.NettyPipeline;

/**
 * The problem body of spec B.4 for the errors that Reactor Netty and Spring's adapter answer before
 * any filter or handler runs, which they send with no body at all: 414 for a request line over
 * the decoder's limit, 431 for headers over it, 400 for a request line or header the decoder
 * cannot read (a NUL in a header value, say) and for a URI that {@code java.net.URI} refuses
 * ({@code ?a=|}, {@code ?a=%zz}). Every error response leaves through this handler on its way to
 * the HTTP encoder; one with a status of 400 or above, no content and no type gets the body.
 * Responses with a body of their own, and all the gateway's own errors, pass untouched.
 */
@Configuration(proxyBeanMethods = false)
class ErrorBodies {

    static final String HANDLER = "chat.errorBodies";

    @Bean
    NettyServerCustomizer emptyErrorBodies() {
        EmptyErrorResponses handler = new EmptyErrorResponses();
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, handler);
            }
        });
    }

    static String detail(int status) {
        return switch (status) {
            case 400 ->
                "The request could not be read: the request line or a header is malformed, or the URI holds"
                        + " characters that must be percent-encoded.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            default -> Problems.defaultDetail(HttpStatusCode.valueOf(status));
        };
    }

    @ChannelHandler.Sharable
    static final class EmptyErrorResponses extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof FullHttpResponse response && bodiless(response)) {
                int status = response.status().code();
                FullHttpResponse answered = response.replace(
                        Unpooled.wrappedBuffer(ProblemWriter.body(HttpStatusCode.valueOf(status), detail(status))));
                response.release();
                answered.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, ProblemWriter.CONTENT_TYPE)
                        .setInt(
                                HttpHeaderNames.CONTENT_LENGTH,
                                answered.content().readableBytes())
                        .remove(HttpHeaderNames.TRANSFER_ENCODING);
                ctx.write(answered, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        static boolean bodiless(FullHttpResponse response) {
            return response.status().code() >= 400
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
        }
    }
}
