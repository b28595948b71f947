package chat.systemtests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that writes a request's bytes exactly as given: {@link java.net.http.HttpClient}
 * refuses what a hostile client sends (raw brackets, control characters in headers, broken
 * request lines), and those are the requests whose answers matter here. One kept-alive connection,
 * opened again whenever the server closed it.
 */
final class RawHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;
    private static final int STALL_MILLIS = 2_000;

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long stalls;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends {@code request} (request line, headers and body) and reads the whole response. On a
     * kept-alive connection an answer must begin within {@value #STALL_MILLIS} ms; a connection
     * that stays silent longer is counted as a stall and the request is sent again on a new one.
     */
    Response exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        try {
            if (reused) {
                socket.setSoTimeout(STALL_MILLIS);
            }
            return exchangeOnce(request);
        } catch (java.net.SocketTimeoutException silent) {
            stalls++;
            close();
            return exchangeOnce(request);
        } catch (IOException staleConnection) {
            // the server may have closed the kept-alive connection between two requests
            close();
            return exchangeOnce(request);
        }
    }

    /** Kept-alive connections that stopped answering, so far. */
    long stalls() {
        return stalls;
    }

    private Response exchangeOnce(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(
                        header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).strip());
            }
        }
        byte[] body;
        boolean head =
                new String(request, 0, Math.min(request.length, 5), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int length = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
            if (length == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used by the gateway; read past them
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that is already gone
            }
            socket = null;
        }
    }

    record Response(int status, Map<String, String> headers, String body) {}
}
