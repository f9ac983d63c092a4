package org.keygate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.0 exchange (no chunking) over a socket bound to a chosen loopback address, so the
 * server sees that peer: 127.0.0.1 plays a trusted proxy, 127.0.0.2 someone who reaches Keygate
 * directly and sets a proxy's headers themselves. The JDK's client cannot choose its source address.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** The answer: status, headers by lower-case name (first value), body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    static Answer exchange(URL server, String from, String method, String path, String body, String contentType,
            Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + Api.at(server).uri(path).getRawPath() + " HTTP/1.0\r\n");
            if (!headers.containsKey("Host")) {
                request.append("Host: 127.0.0.1:").append(server.getPort()).append("\r\n");
            }
            request.append("Connection: close\r\nAccept: */*\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            Map<String, String> names = new HashMap<>();
            for (String line : text.substring(0, split < 0 ? text.length() : split).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    names.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            return new Answer(status, names, split < 0 ? "" : text.substring(split + 4));
        }
    }
}
