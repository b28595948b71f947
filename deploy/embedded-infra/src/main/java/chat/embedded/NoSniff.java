package chat.embedded;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Makes s3proxy send {@code X-Content-Type-Options: nosniff} with every answer, as a deployment's
 * store or CDN must (an attachment link is a presigned URL, which cannot ask for the header):
 * without it a browser may sniff a PNG followed by HTML into a page. s3proxy has no setting for
 * extra headers and does not expose its Jetty server, so its handler is wrapped through the
 * server field, before the proxy starts.
 */
public final class NoSniff extends HandlerWrapper {

    public static final String HEADER = "X-Content-Type-Options";

    private NoSniff() {}

    public static void wrap(S3Proxy proxy) throws ReflectiveOperationException {
        Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        NoSniff wrapper = new NoSniff();
        wrapper.setHandler(server.getHandler());
        server.setHandler(wrapper);
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        response.setHeader(HEADER, "nosniff");
        super.handle(target, base, request, response);
    }
}
